// Small scanners shared by the per-service parsers: queue ids, peers,
// `key=value` lists, command counters, delays. Index-based, no regex
// backtracking, because they run on every line of large logs.

import { isQueueId } from '../queue-id';
import type { CommandCounters, Delays, Peer } from './types';

/** `QUEUEID: rest` → [queueId, rest]; [undefined, msg] when the message does not start with a queue id. */
export function splitQueueId(msg: string): [string | undefined, string] {
  const colon = msg.indexOf(': ');
  // Real ids are 6-20 characters; the bound keeps `isQueueId` off long prefixes.
  if (colon < 5 || colon > 32) return [undefined, msg];
  const id = msg.slice(0, colon);
  return isQueueId(id) ? [id, msg.slice(colon + 2)] : [undefined, msg];
}

export interface PeerAt {
  peer: Peer;
  /** Index just after `]` or after the `:port`. */
  end: number;
}

/** Parse `name[ip]`, `name[ip]:port` or `[ip]:port` starting at `start`. */
export function parsePeerAt(s: string, start = 0): PeerAt | undefined {
  const open = s.indexOf('[', start);
  if (open < 0) return undefined;
  const name = s.slice(start, open);
  if (name.indexOf(' ') >= 0) return undefined;
  const close = s.indexOf(']', open + 1);
  if (close < 0) return undefined;
  const peer: Peer = { ip: s.slice(open + 1, close) };
  if (name) peer.name = name;
  let end = close + 1;
  if (s[end] === ':') {
    let j = end + 1;
    let port = 0;
    while (j < s.length) {
      const c = s.charCodeAt(j) - 48;
      if (c < 0 || c > 9) break;
      port = port * 10 + c;
      j++;
    }
    if (j > end + 1) {
      peer.port = port;
      end = j;
    }
  }
  return { peer, end };
}

export function parsePeer(s: string): Peer | undefined {
  return parsePeerAt(s, 0)?.peer;
}

/** `<addr>` → `addr`; anything else unchanged. */
export function unbracket(v: string): string {
  return v.length >= 2 && v[0] === '<' && v[v.length - 1] === '>' ? v.slice(1, -1) : v;
}

/**
 * `k=v, k=<v>, k=v` or `k=v k=<v>` → Map (values keep their angle brackets;
 * use `unbracket`). A value in `<...>` runs to the `>` that ends it, so
 * spaces and commas inside addresses or HELO names survive.
 */
export function parseKv(s: string, from = 0, to = s.length): Map<string, string> {
  const out = new Map<string, string>();
  let i = from;
  while (i < to) {
    while (i < to && (s[i] === ' ' || s[i] === ',')) i++;
    const eq = s.indexOf('=', i);
    if (eq < 0 || eq >= to) break;
    const key = s.slice(i, eq);
    let j = eq + 1;
    if (s[j] === '<') {
      let close = s.indexOf('>', j);
      // A '>' inside the address: keep going until one is followed by a separator.
      while (close >= 0 && close + 1 < to && s[close + 1] !== ',' && s[close + 1] !== ' ') {
        close = s.indexOf('>', close + 1);
      }
      j = close < 0 || close >= to ? to : close + 1;
    } else {
      while (j < to && s[j] !== ' ' && !(s[j] === ',' && (s[j + 1] === ' ' || j + 1 === to))) j++;
    }
    if (key.indexOf(' ') < 0) out.set(key, s.slice(eq + 1, j));
    i = j;
  }
  return out;
}

/** `ehlo=2 auth=0/1 quit=1 commands=2/3` → counters; undefined when a token is not `name=n[/m]`. */
export function parseCommandCounters(s: string): CommandCounters | undefined {
  const out: CommandCounters = Object.create(null) as CommandCounters;
  let any = false;
  for (const tok of s.split(' ')) {
    if (!tok) continue;
    const eq = tok.indexOf('=');
    if (eq <= 0) return undefined;
    const val = tok.slice(eq + 1);
    const slash = val.indexOf('/');
    const a = Number(slash < 0 ? val : val.slice(0, slash));
    const b = slash < 0 ? a : Number(val.slice(slash + 1));
    if (!Number.isInteger(a) || !Number.isInteger(b) || val === '') return undefined;
    out[tok.slice(0, eq)] = { accepted: a, total: b };
    any = true;
  }
  return any ? out : undefined;
}

/** `0.2/0.02/0.04/3.3` → Delays. */
export function parseDelays(s: string): Delays | undefined {
  const p = s.split('/');
  if (p.length !== 4) return undefined;
  const n = p.map(Number);
  if (n.some((x) => !Number.isFinite(x)) || p.some((x) => x === '')) return undefined;
  return { beforeQmgr: n[0]!, inQmgr: n[1]!, connSetup: n[2]!, transmission: n[3]! };
}

/** Leading `550 5.7.1 ` of an SMTP reply → [code, dsn, index after]; code 0 when absent. */
export function replyCode(s: string, from = 0): [number, string | undefined, number] {
  const c0 = s.charCodeAt(from) - 48;
  const c1 = s.charCodeAt(from + 1) - 48;
  const c2 = s.charCodeAt(from + 2) - 48;
  const sep = s[from + 3];
  if (!(c0 >= 2 && c0 <= 5 && c1 >= 0 && c1 <= 9 && c2 >= 0 && c2 <= 9) || (sep !== ' ' && sep !== '-' && sep !== undefined)) {
    return [0, undefined, from];
  }
  const code = c0 * 100 + c1 * 10 + c2;
  let i = from + 4;
  if (sep === undefined) return [code, undefined, from + 3];
  // Enhanced status: d.d{1,3}.d{1,3}
  let j = i;
  while (j < s.length && s[j] !== ' ') j++;
  const tok = s.slice(i, j);
  if (isDsn(tok)) {
    i = j < s.length ? j + 1 : j;
    return [code, tok, i];
  }
  return [code, undefined, i];
}

export function isDsn(tok: string): boolean {
  const a = tok.indexOf('.');
  const b = tok.indexOf('.', a + 1);
  if (a !== 1 || b < 0 || tok.indexOf('.', b + 1) >= 0) return false;
  const c = tok.charCodeAt(0);
  if (c < 50 || c > 53) return false;
  const mid = tok.slice(2, b);
  const last = tok.slice(b + 1);
  return /^\d{1,3}$/.test(mid) && /^\d{1,3}$/.test(last);
}
