import type { KnownEvent } from '@/lib/postfix/maillog';
import { domainOf } from '@/lib/auth/principal';
import type { LogAggregator } from '@/lib/maillog/aggregator';

// What the maillog says about each SASL login: from where and since when it
// logs in, how much it submits per hour (and as whom), and whether an IP
// failed to log in before it succeeded. The aggregator only collects (it is
// cached and resumed by lib/maillog/scan); summarizeLog() judges against a
// "now", so one scan serves every later request.

// ', rate=': postfwd's limit-hit lines (the sending-limit policy service, issue 18).
export const LOG_NEEDLES = ['sasl_username=', ' authentication failed', ', nrcpt=', ', rate='] as const;
const HOUR_MS = 3_600_000;
// Logins whose queue id never showed a qmgr line (rejected later, say) are forgotten beyond this many.
const MAX_PENDING = 200_000;
const MAX_FORGED_FROM = 50_000;

type IpSeen = { logins: number; first: number; last: number };
type Hour = { messages: number; recipients: number; forged: number };
type FirstForged = { time: number; from: string; ip: string; queueId: string };
/** Lower-case forged sender addresses: the bounces to them are this login's too (lib/queue/bounce-of.ts). */
type RawUser = {
  user: string;
  ips: Map<string, IpSeen>;
  hours: Map<number, Hour>;
  failures: number;
  limitHits: number;
  firstForged: FirstForged | null;
  forgedFrom: Set<string>;
};
type RawFailIp = { failures: number; first: number; last: number };

export type LogEvidenceRaw = { users: Map<string, RawUser>; failIps: Map<string, RawFailIp>; first: number | null; last: number | null };

export function logEvidenceAggregator(): LogAggregator<LogEvidenceRaw> {
  const raw: LogEvidenceRaw = { users: new Map(), failIps: new Map(), first: null, last: null };
  const pending = new Map<string, { key: string; time: number; ip: string }>();
  const userOf = (name: string) => {
    const key = name.toLowerCase();
    let u = raw.users.get(key);
    if (!u) raw.users.set(key, (u = { user: name, ips: new Map(), hours: new Map(), failures: 0, limitHits: 0, firstForged: null, forgedFrom: new Set() }));
    return u;
  };
  return {
    add(ev: KnownEvent) {
      if (raw.first === null || ev.time < raw.first) raw.first = ev.time;
      if (raw.last === null || ev.time > raw.last) raw.last = ev.time;
      if (ev.kind === 'sasl-login') {
        const u = userOf(ev.saslUsername);
        const s = u.ips.get(ev.client.ip);
        if (!s) u.ips.set(ev.client.ip, { logins: 1, first: ev.time, last: ev.time });
        else {
          s.logins++;
          s.first = Math.min(s.first, ev.time);
          s.last = Math.max(s.last, ev.time);
        }
        if (pending.size >= MAX_PENDING) pending.clear();
        pending.set(ev.queueId, { key: ev.saslUsername.toLowerCase(), time: ev.time, ip: ev.client.ip });
      } else if (ev.kind === 'qmgr-from') {
        // Only the first qmgr line of a queue id counts: a deferred message logs one per retry.
        const p = pending.get(ev.queueId);
        if (!p) return;
        pending.delete(ev.queueId);
        const u = raw.users.get(p.key)!;
        const hour = Math.floor(p.time / HOUR_MS) * HOUR_MS;
        let h = u.hours.get(hour);
        if (!h) u.hours.set(hour, (h = { messages: 0, recipients: 0, forged: 0 }));
        h.messages++;
        h.recipients += ev.nrcpt;
        if (ev.from && domainOf(ev.from) !== domainOf(p.key)) {
          h.forged++;
          if (u.forgedFrom.size < MAX_FORGED_FROM) u.forgedFrom.add(ev.from.toLowerCase());
          if (!u.firstForged || p.time < u.firstForged.time) u.firstForged = { time: p.time, from: ev.from, ip: p.ip, queueId: ev.queueId };
        }
      } else if (ev.kind === 'sasl-failure') {
        if (/Connection lost to authentication server/i.test(ev.reason)) return;
        const f = raw.failIps.get(ev.client.ip);
        if (!f) raw.failIps.set(ev.client.ip, { failures: 1, first: ev.time, last: ev.time });
        else {
          f.failures++;
          f.first = Math.min(f.first, ev.time);
          f.last = Math.max(f.last, ev.time);
        }
        if (ev.username && ev.username !== '(unavailable)') userOf(ev.username).failures++;
      } else if (ev.kind === 'policy-rule' && ev.limitHit && ev.saslUsername) {
        userOf(ev.saslUsername).limitHits++;
      }
    },
    result: () => raw,
  };
}

/** The sender addresses a login forged, per the log (an aggregator cached before they were kept has none). */
export function forgedFromLog(raw: LogEvidenceRaw, user: string): string[] {
  return [...(raw.users.get(user.toLowerCase())?.forgedFrom ?? [])];
}

export type LogIp = { ip: string; logins: number; first: number; last: number; isNew: boolean };

export type LogUserEvidence = {
  user: string;
  logins: number;
  ips: LogIp[];
  /** IPs first seen in the recent window while the login had logged in from elsewhere before it. */
  newIps: number;
  firstLogin: number | null;
  /** First login inside the recent window: where "the burst" starts. */
  burstStart: number | null;
  /** Logins before the recent window (a lower bound: counted per IP). */
  priorLogins: number;
  recent: { messages: number; recipients: number; forged: number; hours: number };
  /** Per-hour submissions before the recent window; null when the log does not reach back a day before it. */
  baseline: { messages: number; hours: number } | null;
  /** How much log there is before the burst (ms): the weight of "no logins before". */
  coverageBeforeBurstMs: number;
  failures: number;
  /** Messages the sending-limit policy service refused for this login. */
  limitHits?: number;
  bruteThenLogin: { ip: string; failures: number; firstFailure: number; firstLogin: number } | null;
  /** The first submission with a sender outside the login's domain: where the report's timeline starts. */
  firstForged: FirstForged | null;
};

export type SummaryOptions = { now: number; recentMs: number };

const MIN_BASELINE_MS = 24 * HOUR_MS;

export function summarizeLog(raw: LogEvidenceRaw, opts: SummaryOptions): Map<string, LogUserEvidence> {
  const recentFrom = opts.now - opts.recentMs;
  const logStart = raw.first ?? opts.now;
  const out = new Map<string, LogUserEvidence>();
  for (const [key, u] of raw.users) {
    const ips = [...u.ips].map(([ip, s]) => ({ ip, ...s }));
    const prior = ips.filter((s) => s.first < recentFrom);
    const priorLogins = prior.reduce((n, s) => n + (s.last < recentFrom ? s.logins : 1), 0);
    const recentFirsts = ips.map((s) => (s.last >= recentFrom ? Math.max(s.first, recentFrom) : Infinity));
    const burst = Math.min(...recentFirsts);
    const burstStart = Number.isFinite(burst) ? burst : null;
    const views: LogIp[] = ips
      .map((s) => ({ ip: s.ip, logins: s.logins, first: s.first, last: s.last, isNew: prior.length > 0 && s.first >= recentFrom }))
      .sort((a, b) => b.logins - a.logins || a.ip.localeCompare(b.ip));
    const recent = { messages: 0, recipients: 0, forged: 0, hours: Math.max(1, opts.recentMs / HOUR_MS) };
    let before = 0;
    for (const [hour, h] of u.hours) {
      if (hour + HOUR_MS > recentFrom) {
        recent.messages += h.messages;
        recent.recipients += h.recipients;
        recent.forged += h.forged;
      } else before += h.messages;
    }
    const reach = recentFrom - logStart;
    let brute: LogUserEvidence['bruteThenLogin'] = null;
    for (const s of ips) {
      const f = raw.failIps.get(s.ip);
      if (f && f.first < s.first && (!brute || f.failures > brute.failures))
        brute = { ip: s.ip, failures: f.failures, firstFailure: f.first, firstLogin: s.first };
    }
    const firstLogin = ips.length ? Math.min(...ips.map((s) => s.first)) : null;
    out.set(key, {
      user: u.user,
      logins: ips.reduce((n, s) => n + s.logins, 0),
      ips: views,
      newIps: views.filter((v) => v.isNew).length,
      firstLogin,
      burstStart,
      priorLogins,
      recent,
      baseline: reach >= MIN_BASELINE_MS ? { messages: before, hours: reach / HOUR_MS } : null,
      coverageBeforeBurstMs: Math.max(0, (burstStart ?? opts.now) - logStart),
      failures: u.failures,
      limitHits: u.limitHits,
      bruteThenLogin: brute,
      firstForged: u.firstForged,
    });
  }
  return out;
}
