import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

// Who the client is, decided once per request by server.ts from the TCP peer:
// X-Forwarded-* headers are believed only when the peer is a reverse proxy
// listed in MW_TRUST_PROXY. Pure (no server-only): server.ts runs it before
// Next, and lib/env.ts validates the same setting with the same schema.

/** Plain address: no IPv4-mapped IPv6 prefix, no brackets, no port. */
export function normaliseIp(raw: string): string {
  let s = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(s)) s = s.slice(7);
  return s.toLowerCase();
}

function parseEntry(entry: string): { ip: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [addr = '', bits, extra] = entry.split('/');
  if (extra !== undefined) return null;
  const ip = normaliseIp(addr);
  const version = isIP(ip);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  if (bits !== undefined && !/^\d{1,3}$/.test(bits)) return null;
  const prefix = bits === undefined ? max : Number(bits);
  if (prefix > max) return null;
  return { ip, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** MW_TRUST_PROXY: comma-separated IPs or CIDRs of the reverse proxies in front of the console; empty = none. */
export const trustProxySchema = z
  .string()
  .default('')
  .transform((value, ctx) => {
    const entries = value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const entry of entries) {
      if (!parseEntry(entry)) ctx.addIssue({ code: 'custom', message: `not an IP address or CIDR: ${entry}` });
    }
    return entries;
  });

export type TrustCheck = (ip: string) => boolean;

export function trustCheck(entries: string[]): TrustCheck {
  const list = new BlockList();
  for (const entry of entries) {
    const parsed = parseEntry(entry);
    if (parsed) list.addSubnet(parsed.ip, parsed.prefix, parsed.family);
  }
  return (ip) => {
    const plain = normaliseIp(ip);
    const version = isIP(plain);
    return version !== 0 && list.check(plain, version === 4 ? 'ipv4' : 'ipv6');
  };
}

/**
 * The client address: the socket peer, unless the peer is a trusted proxy;
 * then X-Forwarded-For is read from the right, skipping trusted proxies, and
 * the first other hop is the client (what a client wrote further left is
 * never reached). A hop that is not an address stops the walk at the last
 * trusted one.
 */
export function clientIpFrom(peer: string, forwardedFor: string | undefined, trusted: TrustCheck): string {
  let client = normaliseIp(peer);
  if (!trusted(client) || !forwardedFor) return client;
  const hops = forwardedFor
    .split(',')
    .map((h) => normaliseIp(h))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) return client;
    client = hop;
    if (!trusted(hop)) return hop;
  }
  return client;
}

/** Headers only a trusted proxy may set; from anyone else they are removed before Next sees the request. */
export const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'] as const;

/** Set by server.ts on every request, after removing any copy the client sent. */
export const CLIENT_IP_HEADER = 'x-mw-client-ip';

/** server.ts marks the process, so request-meta knows CLIENT_IP_HEADER was written by it. */
export const SERVER_MARK = Symbol.for('mailwarden.server');
