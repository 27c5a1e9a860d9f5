import { z } from 'zod';

// One error type for the whole API, one mapper, one JSON shape:
// { error: { code, message, details? } }. Anything unexpected becomes a 500
// that leaks nothing; the real cause goes to the server log only.

export type ErrorCode =
  'unauthorized' | 'forbidden' | 'bad_origin' | 'not_found' | 'conflict' | 'invalid' | 'throttled' | 'unavailable' | 'host_error' | 'internal';

const STATUS: Record<ErrorCode, number> = {
  unauthorized: 401,
  forbidden: 403,
  bad_origin: 403,
  not_found: 404,
  conflict: 409,
  invalid: 422,
  throttled: 429,
  unavailable: 503,
  host_error: 502,
  internal: 500,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status() {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (why = 'You do not have access to this.') => new AppError('forbidden', why);

/** A thing that is not there (or not yours): routes leave no audit trace for it, nothing happened to it. */
export const isNotFound = (err: unknown): boolean => err instanceof AppError && err.code === 'not_found';

/** The message of anything thrown, for the audit log. */
export const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    return Response.json(
      { error: { code: err.code, message: err.message, ...(err.details !== undefined ? { details: err.details } : {}) } },
      { status: err.status, headers: err.headers },
    );
  }
  if (err instanceof z.ZodError) {
    const details = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const message = details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message)).join('; ');
    return Response.json({ error: { code: 'invalid', message, details } }, { status: 422 });
  }
  // Backstop for 4-byte characters that reach extman's 3-byte utf8 columns
  // (the schemas refuse them first): the input is the problem, not the server.
  if (isUnstorableText(err)) {
    return Response.json(
      { error: { code: 'invalid', message: 'The request contains characters the mail database cannot store or compare.' } },
      { status: 422 },
    );
  }
  if (isDatabaseDown(err)) {
    return Response.json({ error: { code: 'unavailable', message: 'The console cannot reach its database.' } }, { status: 503 });
  }
  console.error('[mailwarden] unhandled error', err);
  return Response.json({ error: { code: 'internal', message: 'Internal error.' } }, { status: 500 });
}

function isDatabaseDown(err: unknown): boolean {
  const text = err instanceof Error ? `${err.name} ${err.message} ${String((err as { code?: unknown }).code ?? '')}` : '';
  return /ECONNREFUSED|pool timeout|Can't reach database|ER_ACCESS_DENIED|connect ETIMEDOUT|DriverAdapterError.*(connect|closed)/i.test(text);
}

// MariaDB 1267/1270/1271 (illegal mix of collations) and 1366 (incorrect string value).
const MYSQL_TEXT_CODES = new Set([1267, 1270, 1271, 1366]);

function isUnstorableText(err: unknown): boolean {
  const e = err as { message?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } }; cause?: { code?: unknown } } | null;
  const code = Number(e?.meta?.driverAdapterError?.cause?.code ?? e?.cause?.code);
  if (MYSQL_TEXT_CODES.has(code)) return true;
  return /Illegal mix of collations|Incorrect string value/.test(String(e?.message ?? ''));
}
