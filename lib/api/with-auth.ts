import 'server-only';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { resolveToken } from '@/lib/auth/api-tokens';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/session';
import type { Principal, Role } from '@/lib/auth/principal';
import { AppError, errorResponse, errorText, isNotFound } from '@/lib/errors';
import { hostParam } from '@/lib/hosts/route-params';
import { registeredHost } from '@/lib/hosts/registered';
import { clientIpOf, isSafeMethod, originAllowed } from './request-meta';

// The one door to every API route except /api/auth/login, /api/health and
// /api/openapi.json. A handler declares the role it needs; the wrapper finds
// who is asking — an `Authorization: Bearer mw_...` token, or the session
// cookie — checks the Origin of cookie mutations, the token's scope and the
// role, and maps every error to the API's one JSON shape. It also does the
// request plumbing a handler declares: the query string parsed by a schema,
// the {host} segment resolved, failures of the real work audited.

export type AuthedContext<P> = {
  req: Request;
  principal: Principal;
  params: P;
  clientIp: string;
  audit: (entry: AuditInput) => Promise<void>;
  /**
   * Runs the work; when it throws, audits `entry` as failed with the error
   * (unless it is a not-found with `skipNotFound`: nothing happened to what
   * is not there) and rethrows. A failing audit write never hides the error.
   */
  auditFailure: <T>(entry: FailedAuditInput, work: () => Promise<T>, opts?: { skipNotFound?: boolean }) => Promise<T>;
};

export type FailedAuditInput = Omit<AuditInput, 'ok' | 'error' | 'result' | 'preview'>;

export type AuditInput = {
  action: string;
  target?: string | null;
  host?: string | null;
  domains?: string[];
  params?: unknown;
  preview?: unknown;
  result?: unknown;
  ok: boolean;
  error?: string | null;
};

/** 'name': {host} must be a possible host name; 'registered': a registered one. Either way a 404 otherwise. */
export type HostMode = 'name' | 'registered';

type Options<Q extends z.ZodType | undefined = undefined, H extends HostMode | undefined = undefined> = {
  role?: Role;
  /** Only a signed-in browser session may call this (managing tokens: a token cannot mint more). */
  sessionOnly?: boolean;
  /** Parses the query string (a 422 when it does not fit), before the host is resolved. */
  query?: Q;
  /** Resolves the {host} path segment. */
  host?: H;
};

type Plumbed<Q, H> = {
  query: Q extends z.ZodType ? z.output<Q> : undefined;
  host: H extends HostMode ? string : undefined;
};

type Params = Record<string, string | string[]>;

type RouteContext = { params: Promise<Record<string, string | string[]>> };

/** The bearer token, '' for an Authorization header that is not one, undefined without the header. */
function bearerOf(req: Request): string | undefined {
  const header = req.headers.get('authorization');
  if (header === null) return undefined;
  return /^Bearer +(\S+)$/i.exec(header.trim())?.[1] ?? '';
}

async function principalOf(req: Request, clientIp: string, options: { sessionOnly?: boolean }): Promise<Principal> {
  const bearer = bearerOf(req);
  if (bearer !== undefined) {
    // A token request is judged by its token alone; a cookie sent along is ignored.
    const principal = await resolveToken(bearer, clientIp);
    if (!principal) throw new AppError('unauthorized', 'The API token is not valid: unknown, expired or revoked.');
    if (options.sessionOnly) throw new AppError('forbidden', 'Sign in to the console for this; API tokens cannot do it.');
    if (principal.scope === 'read' && !isSafeMethod(req.method)) throw new AppError('forbidden', 'This API token may only read.');
    return principal;
  }
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) throw new AppError('unauthorized', 'Sign in first.');
  if (!originAllowed(req)) throw new AppError('bad_origin', 'Cross-site request refused.');
  const principal = await resolveSession(token);
  if (!principal) throw new AppError('unauthorized', 'Sign in first.');
  return principal;
}

export function withAuth<P extends Params = Record<string, string>, Q extends z.ZodType | undefined = undefined, H extends HostMode | undefined = undefined>(
  handler: (ctx: AuthedContext<P> & Plumbed<Q, H>) => Promise<Response> | Response,
  options: Options<Q, H> = {},
) {
  return async (req: Request, routeContext: RouteContext): Promise<Response> => {
    try {
      const clientIp = clientIpOf(req);
      const principal = await principalOf(req, clientIp, options);
      if (options.role === 'admin' && principal.role !== 'admin') {
        throw new AppError('forbidden', 'Administrators only.');
      }
      const params = ((await routeContext?.params) ?? {}) as P;
      const query = options.query ? options.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : undefined;
      const host = options.host === 'registered' ? await registeredHost(params.host) : options.host === 'name' ? hostParam(params.host) : undefined;
      const audit = (entry: AuditInput) =>
        recordAudit({ ...entry, actor: principal.username, role: principal.role, clientIp, tokenId: principal.tokenId ?? null });
      const auditFailure = async <T>(entry: FailedAuditInput, work: () => Promise<T>, opts: { skipNotFound?: boolean } = {}): Promise<T> => {
        try {
          return await work();
        } catch (err) {
          if (!(opts.skipNotFound && isNotFound(err))) await audit({ ...entry, ok: false, error: errorText(err) }).catch(() => undefined);
          throw err;
        }
      };
      const plumbed = { query, host } as Plumbed<Q, H>;
      return await handler({ req, principal, params, clientIp, audit, auditFailure, ...plumbed });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Parses a JSON body; a body that is not JSON is a 422, not a 500. */
export async function jsonBody(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError('invalid', 'The request body must be JSON.');
  }
}
