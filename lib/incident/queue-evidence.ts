import type { Principal } from '@/lib/auth/principal';
import { QUEUE_NAMES } from '@/lib/postfix/envelope';
import { FLAG_ALIVE, FLAG_FORGED, type QueueIndex } from '@/lib/queue/index-store';
import { scopeTest } from '@/lib/queue/query';
import { NONE } from '@/lib/queue/string-pool';

// What the queue index says about each SASL login, and about the queue as a
// whole, in one pass over its rows. Pure: the index in, plain data out.

export type IpCount = { ip: string; messages: number };

export type QueueUserEvidence = {
  user: string;
  messages: number;
  recipients: number;
  forged: number;
  held: number;
  /** Client IPs its queued mail came from, most messages first. */
  ips: IpCount[];
  firstArrival: number;
  lastArrival: number;
};

export type QueueOverview = {
  total: number;
  byQueue: Record<string, number>;
  /** Messages submitted after SMTP AUTH, and those of them with a sender outside the login's domain. */
  authenticated: number;
  forged: number;
  /** Null-sender messages: our own bounces, often to forged senders. */
  bounces: number;
};

export type QueueEvidence = { overview: QueueOverview; users: Map<string, QueueUserEvidence> };

type Acc = { messages: number; recipients: number; forged: number; held: number; ips: Map<number, number>; first: number; last: number };

const HOLD = QUEUE_NAMES.indexOf('hold');

export function queueEvidence(ix: QueueIndex, principal: Pick<Principal, 'role' | 'domains'>): QueueEvidence {
  const inScope = scopeTest(ix, principal);
  const byQueue = new Uint32Array(QUEUE_NAMES.length);
  const acc = new Map<number, Acc>();
  const overview: QueueOverview = { total: 0, byQueue: {}, authenticated: 0, forged: 0, bounces: 0 };
  const c = ix.cols;
  const empty = ix.pool.find('');
  for (let r = 0; r < ix.length; r++) {
    const flags = ix.flags[r]!;
    if (!(flags & FLAG_ALIVE) || (inScope && !inScope(r))) continue;
    overview.total++;
    byQueue[ix.queue[r]!]!++;
    const sender = c.sender[r]!;
    if (sender === NONE || sender === empty) overview.bounces++;
    const user = c.saslUser[r]!;
    if (user === NONE) continue;
    overview.authenticated++;
    const forged = (flags & FLAG_FORGED) !== 0;
    if (forged) overview.forged++;
    let a = acc.get(user);
    if (!a) acc.set(user, (a = { messages: 0, recipients: 0, forged: 0, held: 0, ips: new Map(), first: Infinity, last: 0 }));
    a.messages++;
    a.recipients += ix.rcpts[r]!;
    if (forged) a.forged++;
    if (ix.queue[r] === HOLD) a.held++;
    const ip = c.clientIp[r]!;
    if (ip !== NONE) a.ips.set(ip, (a.ips.get(ip) ?? 0) + 1);
    const t = ix.arrival[r]!;
    if (t < a.first) a.first = t;
    if (t > a.last) a.last = t;
  }
  QUEUE_NAMES.forEach((q, i) => (overview.byQueue[q] = byQueue[i]!));
  const users = new Map<string, QueueUserEvidence>();
  for (const [id, a] of acc) {
    const user = ix.pool.get(id) ?? '';
    const ips = [...a.ips]
      .map(([ip, messages]) => ({ ip: ix.pool.get(ip) ?? '', messages }))
      .sort((x, y) => y.messages - x.messages || x.ip.localeCompare(y.ip));
    users.set(user.toLowerCase(), {
      user,
      messages: a.messages,
      recipients: a.recipients,
      forged: a.forged,
      held: a.held,
      ips,
      firstArrival: a.first,
      lastArrival: a.last,
    });
  }
  return { overview, users };
}

/** Messages per client IP by SASL login: how much of an IP's mail is some other login's (a shared NAT, an office). */
export function otherUsersOnIps(ix: QueueIndex, user: string, ips: string[]): Map<string, number> {
  const want = new Set(ips.map((ip) => ix.pool.find(ip)).filter((id) => id !== NONE));
  const self = ix.pool.find(user);
  const out = new Map<string, number>(ips.map((ip) => [ip, 0]));
  if (want.size === 0) return out;
  for (let r = 0; r < ix.length; r++) {
    if (!(ix.flags[r]! & FLAG_ALIVE)) continue;
    const ip = ix.cols.clientIp[r]!;
    if (!want.has(ip) || ix.cols.saslUser[r] === self) continue;
    const name = ix.pool.get(ip) ?? '';
    out.set(name, (out.get(name) ?? 0) + 1);
  }
  return out;
}
