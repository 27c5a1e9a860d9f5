import 'server-only';
import { cookies } from 'next/headers';
import { recordAudit } from '@/lib/audit/record';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/session';
import type { Principal, Role } from '@/lib/auth/principal';
import { AppError, errorResponse } from './errors';
import { clientIpOf, originAllowed } from './request-meta';

// The one door to every API route except /api/auth/login, /api/health and
// /api/openapi.json. A handler declares the role it needs; the wrapper checks
// the session, the role and the Origin of mutations, and maps every error to
// the API's one JSON shape.

export type AuthedContext<P> = {
  req: Request;
  principal: Principal;
  params: P;
  clientIp: string;
  audit: (entry: AuditInput) => Promise<void>;
};

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

type Options = { role?: Role };

type RouteContext = { params: Promise<Record<string, string | string[]>> };

export function withAuth<P extends Record<string, string | string[]> = Record<string, never>>(
  handler: (ctx: AuthedContext<P>) => Promise<Response> | Response,
  options: Options = {},
) {
  return async (req: Request, routeContext: RouteContext): Promise<Response> => {
    try {
      if (!originAllowed(req)) throw new AppError('bad_origin', 'Cross-site request refused.');
      const token = (await cookies()).get(SESSION_COOKIE)?.value;
      const principal = await resolveSession(token);
      if (!principal) throw new AppError('unauthorized', 'Sign in first.');
      if (options.role === 'admin' && principal.role !== 'admin') {
        throw new AppError('forbidden', 'Administrators only.');
      }
      const clientIp = clientIpOf(req);
      const params = ((await routeContext?.params) ?? {}) as P;
      const audit = (entry: AuditInput) =>
        recordAudit({ ...entry, actor: principal.username, role: principal.role, clientIp });
      return await handler({ req, principal, params, clientIp, audit });
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
