// Facts about the request that the audit log and the throttle need.

/**
 * The client address. Next's own server appends the socket address to
 * x-forwarded-for, so the last entry is the one a client cannot forge;
 * behind a reverse proxy set MW_TRUSTED_PROXIES to the number of proxies.
 */
export function clientIpOf(req: Request): string {
  const forwarded = req.headers.get('x-forwarded-for');
  if (!forwarded) return req.headers.get('x-real-ip') ?? 'unknown';
  const hops = forwarded.split(',').map((s) => s.trim()).filter(Boolean);
  const trusted = Number(process.env.MW_TRUSTED_PROXIES ?? 0) || 0;
  const ip = hops[Math.max(0, hops.length - 1 - trusted)] ?? 'unknown';
  return ip.replace(/^::ffff:/, '').slice(0, 64);
}

export function userAgentOf(req: Request): string {
  return (req.headers.get('user-agent') ?? '').slice(0, 255);
}

export function isHttps(req: Request): boolean {
  const proto = req.headers.get('x-forwarded-proto');
  if (proto) return proto.split(',')[0]?.trim() === 'https';
  return new URL(req.url).protocol === 'https:';
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery guard for mutations: a browser always sends
 * Origin on a cross-origin POST, so a present Origin must match our host.
 * Clients without Origin (curl, scripts) carry no ambient browser cookies.
 */
export function originAllowed(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  if (req.headers.get('sec-fetch-site') === 'cross-site') return false;
  const origin = req.headers.get('origin');
  if (!origin) return true;
  const host = req.headers.get('x-forwarded-host') ?? req.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
