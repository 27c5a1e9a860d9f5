import type { IncomingHttpHeaders } from 'node:http';
import { methodNotAllowedBody, type MethodTable } from './allowed-methods';
import { CLIENT_IP_HEADER, clientIpFrom, FORWARDED_HEADERS, type TrustCheck } from '@/lib/net/trusted-proxy';

// What server.ts does to each request before Next sees it (pure, so it is
// tested without a socket): forwarded headers from anyone but a trusted proxy
// are removed, the client address is written into one header (any copy the
// client sent is overwritten), and a method the route does not implement is
// answered here with a JSON 405.

export type Screened = { status: 405; headers: Record<string, string>; body: string } | null;

const NEXT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH']);

export function screenRequest(
  req: { method?: string; url?: string; headers: IncomingHttpHeaders; peer: string },
  trusted: TrustCheck,
  allowedMethods: MethodTable,
): Screened {
  const forwardedFor = req.headers['x-forwarded-for'];
  const client = clientIpFrom(req.peer, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, trusted);
  if (!trusted(req.peer)) for (const h of FORWARDED_HEADERS) delete req.headers[h];
  req.headers[CLIENT_IP_HEADER] = client;

  const method = (req.method ?? '').toUpperCase();
  const path = (req.url ?? '/').split('?')[0]!;
  const allowed = path.startsWith('/api/') ? allowedMethods(path) : null;
  if (NEXT_METHODS.has(method) && (!allowed || allowed.includes(method))) return null;
  return {
    status: 405,
    headers: { 'content-type': 'application/json', ...(allowed ? { allow: allowed.join(', ') } : {}) },
    body: methodNotAllowedBody(method),
  };
}
