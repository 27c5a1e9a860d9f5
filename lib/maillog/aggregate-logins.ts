import type { KnownEvent } from '@/lib/postfix/maillog';
import type { AddressScope, LogAggregator } from './aggregator';
import { Buckets, topN } from './buckets';
import type { LoginIpRow, LoginsDetail, LoginsList, LoginUserRow, SenderRow } from './schemas';

// Who logged in over SMTP AUTH, from where, how often. The list needs only the
// `client=..., sasl_username=` lines (one per accepted transaction); one
// user's detail also joins each login's queue id with qmgr's
// `from=<...>, nrcpt=N` to count what was submitted and as whom.

/** Substrings the host-side filter keeps for the list and for one user's detail. */
export const LOGIN_NEEDLES = ['sasl_username='] as const;
export const LOGIN_DETAIL_NEEDLES = ['sasl_username=', ', nrcpt='] as const;

type UserState = { user: string; logins: number; first: number; last: number; ips: Map<string, { n: number }> };

export function loginsAggregator(opts: { bucketMs: number; scope?: AddressScope }): LogAggregator<Omit<LoginsList, 'scan'>> {
  const users = new Map<string, UserState>();
  // The name as logged → its state (or null when out of scope): saves lower-casing and scoping each line.
  const seen = new Map<string, UserState | null>();
  const timeline = new Buckets(opts.bucketMs);
  let total = 0;
  const stateOf = (name: string): UserState | null => {
    const key = name.toLowerCase();
    if (opts.scope && !opts.scope(key)) return null;
    let u = users.get(key);
    if (!u) users.set(key, (u = { user: name, logins: 0, first: Infinity, last: -Infinity, ips: new Map() }));
    return u;
  };
  const addLogin = (time: number, name: string, ip: string) => {
    let u = seen.get(name);
    if (u === undefined) seen.set(name, (u = stateOf(name)));
    if (!u) return;
    u.logins++;
    if (time < u.first) u.first = time;
    if (time > u.last) u.last = time;
    const c = u.ips.get(ip);
    if (c) c.n++;
    else u.ips.set(ip, { n: 1 });
    timeline.add(time);
    total++;
  };
  return {
    add(ev) {
      if (ev.kind === 'sasl-login') addLogin(ev.time, ev.saslUsername, ev.client.ip);
    },
    addLogin,
    result(limit) {
      const rows: LoginUserRow[] = topN(
        users.values(),
        limit,
        (u) => u.logins,
        (a, b) => a.user.localeCompare(b.user),
      ).map((u) => {
        const [topIp, top] = topN(u.ips, 1, ([, c]) => c.n)[0] ?? ['', { n: 0 }];
        return { user: u.user, logins: u.logins, ips: u.ips.size, topIp, topIpCount: top.n, first: u.first, last: u.last };
      });
      return { users: rows, totalUsers: users.size, totalLogins: total, bucketMs: opts.bucketMs, timeline: timeline.points() };
    },
  };
}

type IpState = { name?: string; count: number; first: number; last: number };

export function loginDetailAggregator(opts: { user: string; bucketMs: number }): LogAggregator<Omit<LoginsDetail, 'scan'>> {
  const want = opts.user.toLowerCase();
  const ips = new Map<string, IpState>();
  const methods: Record<string, number> = {};
  const timeline = new Buckets(opts.bucketMs);
  // Queue ids of this user's logins whose qmgr line has not been seen yet.
  const pending = new Set<string>();
  const senders = new Map<string, number>();
  let logins = 0;
  let first: number | null = null;
  let last: number | null = null;
  let messages = 0;
  let recipients = 0;
  let display = opts.user;

  const onLogin = (ev: Extract<KnownEvent, { kind: 'sasl-login' }>) => {
    if (ev.saslUsername.toLowerCase() !== want) return;
    display = ev.saslUsername;
    logins++;
    if (first === null || ev.time < first) first = ev.time;
    if (last === null || ev.time > last) last = ev.time;
    let s = ips.get(ev.client.ip);
    if (!s) ips.set(ev.client.ip, (s = { count: 0, first: ev.time, last: ev.time }));
    s.count++;
    if (ev.client.name && ev.client.name !== 'unknown') s.name = ev.client.name;
    if (ev.time < s.first) s.first = ev.time;
    if (ev.time > s.last) s.last = ev.time;
    const m = ev.saslMethod ?? '?';
    methods[m] = (methods[m] ?? 0) + 1;
    timeline.add(ev.time);
    pending.add(ev.queueId);
  };

  return {
    // qmgr lines of other users' messages are most of what the detail scan reads: skip them unparsed.
    ignores(raw) {
      if (raw.includes('sasl_username=')) return false;
      const end = raw.indexOf(': from=<');
      if (end < 0) return false;
      const start = raw.lastIndexOf(' ', end) + 1;
      return !pending.has(raw.slice(start, end));
    },
    add(ev) {
      if (ev.kind === 'sasl-login') onLogin(ev);
      // qmgr repeats `from=` on every retry: the first one after the login counts.
      else if (ev.kind === 'qmgr-from' && pending.delete(ev.queueId)) {
        messages++;
        recipients += ev.nrcpt;
        const from = ev.from.toLowerCase();
        senders.set(from, (senders.get(from) ?? 0) + 1);
      }
    },
    result(limit) {
      const ipRows: LoginIpRow[] = topN(
        ips,
        limit,
        ([, s]) => s.count,
        (a, b) => a[0].localeCompare(b[0]),
      ).map(([ip, s]) => ({ ip, ...s }));
      const senderRows: SenderRow[] = topN(senders, Math.min(limit, 50), ([, n]) => n).map(([address, count]) => ({ address, count }));
      const otherSenders = [...senders.keys()].filter((a) => a !== want).length;
      return {
        user: display,
        logins,
        first,
        last,
        ips: ipRows,
        totalIps: ips.size,
        methods,
        messages,
        recipients,
        senders: senderRows,
        otherSenders,
        bucketMs: opts.bucketMs,
        timeline: timeline.points(),
      };
    },
  };
}
