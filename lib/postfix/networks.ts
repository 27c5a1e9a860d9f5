import { splitList } from './postconf';

// mynetworks entries: which are too wide, and whether an address falls inside
// (a probe from inside mynetworks proves nothing). IPv4 is computed exactly;
// IPv6 only by prefix length, which is all the width check needs.

export type Network =
  { kind: 'ipv4'; text: string; base: number; prefix: number } | { kind: 'ipv6'; text: string; prefix: number } | { kind: 'other'; text: string };

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function ipv4ToInt(ip: string): number | null {
  const m = IPV4.exec(ip);
  if (!m) return null;
  const parts = m.slice(1, 5).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

const mask = (prefix: number) => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0);

export function parseNetwork(token: string): Network {
  const text = token.trim();
  const v6 = /^\[([0-9a-fA-F:.]+)\](?:\/(\d{1,3}))?$/.exec(text);
  if (v6) {
    const prefix = v6[2] === undefined ? 128 : Number(v6[2]);
    return prefix <= 128 ? { kind: 'ipv6', text, prefix } : { kind: 'other', text };
  }
  const [addr, len] = text.split('/', 2) as [string, string | undefined];
  const base = ipv4ToInt(addr);
  const prefix = len === undefined ? 32 : /^\d{1,2}$/.test(len) ? Number(len) : NaN;
  if (base === null || !(prefix >= 0 && prefix <= 32)) return { kind: 'other', text };
  return { kind: 'ipv4', text, base: (base & mask(prefix)) >>> 0, prefix };
}

export const parseNetworks = (value: string): Network[] => splitList(value).map(parseNetwork);

const LOOPBACK = { base: ipv4ToInt('127.0.0.0')!, prefix: 8 };

export const isLoopback = (n: Network) =>
  (n.kind === 'ipv4' && n.prefix >= LOOPBACK.prefix && (n.base & mask(8)) >>> 0 === LOOPBACK.base) || (n.kind === 'ipv6' && /^\[::1\]/.test(n.text));

/** 'open' = everyone, 'wide' = /8 or wider outside loopback (IPv6: wider than /32). */
export function widthOf(n: Network): 'open' | 'wide' | 'ok' | 'unknown' {
  if (n.kind === 'other') return 'unknown';
  if (n.prefix === 0) return 'open';
  if (isLoopback(n)) return 'ok';
  if (n.kind === 'ipv4') return n.prefix <= 8 ? 'wide' : 'ok';
  return n.prefix < 32 ? 'wide' : 'ok';
}

/** true/false for IPv4 sources; null when the answer cannot be computed. */
export function containsAddress(networks: Network[], ip: string): boolean | null {
  const addr = ipv4ToInt(ip);
  if (addr === null) return null;
  let unknown = false;
  for (const n of networks) {
    if (n.kind === 'ipv4' && (addr & mask(n.prefix)) >>> 0 === n.base) return true;
    if (n.kind === 'other') unknown = true;
  }
  return unknown ? null : false;
}
