// Facts about the request that the audit log, the throttle and the CSRF
// guard need. server.ts decides them from the TCP peer (see trusted-proxy.ts);
// this module only reads what it wrote.
import { CLIENT_IP_HEADER, SERVER_MARK } from '@/lib/net/trusted-proxy';

const behindOurServer = () => (globalThis as Record<symbol, unknown>)[SERVER_MARK] === true;

/**
 * The client address, for the login lockout and the audit log. Next's own
 * `next start` keeps a client's X-Forwarded-For as it came (it only fills the
 * header in when absent), so without server.ts in front nothing identifies
 * the client: every request is 'unknown' rather than whatever it claims.
 */
export function clientIpOf(req: Request): string {
  if (!behindOurServer()) return 'unknown';
  return (req.headers.get(CLIENT_IP_HEADER) ?? 'unknown').slice(0, 64);
}

export function userAgentOf(req: Request): string {
  return (req.headers.get('user-agent') ?? '').slice(0, 255);
}

const first = (value: string | null) => value?.split(',')[0]?.trim() || null;

/**
 * The console's own origin as this request reached it. Behind server.ts the
 * X-Forwarded-Proto/Host headers are either a trusted proxy's or filled in by
 * Next from the socket and Host header (a client's own copies are removed).
 */
export function ownOriginOf(req: Request): string | null {
  const viaServer = behindOurServer();
  const proto = (viaServer && first(req.headers.get('x-forwarded-proto'))) || new URL(req.url).protocol.replace(/:$/, '');
  const host = (viaServer && first(req.headers.get('x-forwarded-host'))) || req.headers.get('host');
  if (!host || !/^https?$/.test(proto)) return null;
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

export function isHttps(req: Request): boolean {
  return ownOriginOf(req)?.startsWith('https:') ?? false;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isSafeMethod = (method: string) => SAFE_METHODS.has(method.toUpperCase());

/**
 * Cross-site request forgery guard for requests a browser may have sent with
 * its cookie: a state-changing request must carry an Origin equal to ours
 * (scheme, host and port), or, without Origin, `Sec-Fetch-Site: same-origin`.
 * Anything else — no header at all, `Origin: null`, another port or scheme —
 * is refused. Bearer-token requests carry no ambient cookie and skip this.
 */
export function originAllowed(req: Request): boolean {
  if (isSafeMethod(req.method)) return true;
  const site = req.headers.get('sec-fetch-site');
  if (site !== null && site !== 'same-origin') return false;
  const origin = req.headers.get('origin');
  if (origin === null) return site === 'same-origin';
  const own = ownOriginOf(req);
  try {
    return own !== null && new URL(origin).origin === own && origin !== 'null';
  } catch {
    return false;
  }
}
