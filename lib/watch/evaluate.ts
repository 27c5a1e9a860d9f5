import { domainOf } from '@/lib/auth/principal';
import type { IpFailures, LimitHits, SiteBlocks, UserActivity } from './log-window';
import { alertLink } from './links';
import type { Severity } from '@/lib/notify/severity';
import type { WatchRules } from './rules-schema';

// The rules, as a pure function: this tick's numbers in, findings out. Each
// finding carries the numbers that explain it (vars, rendered by
// lib/watch/summary in either language) and where to look next (link).

export const RULE_IDS = [
  'queue-size',
  'queue-growth',
  'sasl-volume',
  'sasl-new-ip',
  'sasl-many-ips',
  'sasl-failures',
  'remote-blocks',
  'host-unreachable',
  'sasl-limit-hit',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** Rules about one moment (a login from a new IP): they resolve without a "resolved" notification. */
export const EVENT_RULES: ReadonlySet<RuleId> = new Set(['sasl-new-ip']);

export type Vars = Record<string, string | number>;
export type Reason = { id: 'messages' | 'recipients' | 'baseline' | 'containment'; vars: Vars };

export type Finding = {
  rule: RuleId;
  key: string;
  severity: Severity;
  domain: string | null;
  vars: Vars;
  reasons?: Reason[];
  link: string;
  /** Automatic containment asked for (containment on and the hard threshold crossed). */
  contain?: boolean;
};

export type SampleLite = { at: number; total: number; complete: boolean };

export type EvalInput = {
  host: string;
  now: number;
  rules: WatchRules;
  latest?: SampleLite;
  previous?: SampleLite;
  users: UserActivity[];
  /** Average messages per hour over the past days, for users with enough history. */
  baselines: Map<string, number>;
  newIps: { user: string; ip: string; knownIps: number }[];
  failures: IpFailures[];
  blocks: SiteBlocks[];
  /** Logins the sending-limit policy service refused in the last hour. */
  limitHits?: LimitHits[];
  unreachable?: string;
};

const list = (pairs: [string, number][]) => pairs.map(([k, n]) => `${k} (${n})`).join(', ') || '—';
const over = (value: number, limit: number) => limit > 0 && value > limit;

function queueFindings(i: EvalInput): Finding[] {
  const out: Finding[] = [];
  const { latest, previous, rules, host } = i;
  if (!latest) return out;
  const { totalAbove, growthPerMinute } = rules.queue;
  if (over(latest.total, totalAbove)) {
    out.push({
      rule: 'queue-size',
      key: '',
      domain: null,
      link: alertLink(host, 'queue-size'),
      severity: latest.total >= totalAbove * 5 ? 'critical' : 'warning',
      vars: { total: latest.total, atLeast: latest.complete ? 0 : 1, limit: totalAbove },
    });
  }
  if (previous && latest.complete && previous.complete && growthPerMinute > 0) {
    const minutes = (latest.at - previous.at) / 60_000;
    const rate = minutes > 0 ? Math.round((latest.total - previous.total) / minutes) : 0;
    if (minutes > 0 && minutes <= 30 && rate > growthPerMinute) {
      out.push({
        rule: 'queue-growth',
        key: '',
        domain: null,
        severity: 'warning',
        link: alertLink(host, 'queue-growth'),
        vars: { rate, from: previous.total, to: latest.total, minutes: Math.max(1, Math.round(minutes)), limit: growthPerMinute },
      });
    }
  }
  return out;
}

function userFindings(i: EvalInput): Finding[] {
  const out: Finding[] = [];
  const r = i.rules.saslUser;
  const hard = i.rules.containment.messagesPerHour;
  for (const u of i.users) {
    const reasons: Reason[] = [];
    if (over(u.messages, r.messagesPerHour)) reasons.push({ id: 'messages', vars: { limit: r.messagesPerHour } });
    if (over(u.recipients, r.recipientsPerHour)) reasons.push({ id: 'recipients', vars: { limit: r.recipientsPerHour } });
    const baseline = i.baselines.get(u.user);
    if (baseline !== undefined && r.baselineFactor > 0 && u.messages >= Math.max(r.baselineMinMessages, 1) && u.messages > r.baselineFactor * baseline) {
      reasons.push({ id: 'baseline', vars: { factor: r.baselineFactor, baseline: Math.round(baseline * 10) / 10 } });
    }
    // The hard threshold is a reason by itself, even when it is set below the alerting ones.
    const contain = i.rules.containment.enabled && u.messages >= hard;
    if (contain) reasons.push({ id: 'containment', vars: { limit: hard } });
    const domain = domainOf(u.user) || null;
    const ips = list(u.ips);
    if (reasons.length > 0) {
      out.push({
        rule: 'sasl-volume',
        key: u.user,
        domain,
        reasons,
        link: alertLink(i.host, 'sasl-volume', u.user),
        severity: u.messages >= hard || (r.messagesPerHour > 0 && u.messages >= r.messagesPerHour * 5) ? 'critical' : 'warning',
        vars: { user: u.user, messages: u.messages, recipients: u.recipients, ipCount: u.ipCount, ips },
        ...(contain ? { contain: true } : {}),
      });
    }
    if (r.ipsPerHour > 0 && u.ipCount >= r.ipsPerHour) {
      out.push({
        rule: 'sasl-many-ips',
        key: u.user,
        domain,
        severity: 'warning',
        link: alertLink(i.host, 'sasl-many-ips', u.user),
        vars: { user: u.user, ipCount: u.ipCount, ips, limit: r.ipsPerHour },
      });
    }
  }
  if (r.newIp) {
    for (const n of i.newIps) {
      out.push({
        rule: 'sasl-new-ip',
        key: `${n.user} ${n.ip}`,
        domain: domainOf(n.user) || null,
        severity: 'info',
        link: alertLink(i.host, 'sasl-new-ip', n.user),
        vars: { user: n.user, ip: n.ip, known: n.knownIps },
      });
    }
  }
  return out;
}

function logFindings(i: EvalInput): Finding[] {
  const out: Finding[] = [];
  const f = i.rules.saslFailures;
  for (const x of i.failures) {
    if (f.perIp === 0 || x.count < f.perIp) continue;
    out.push({
      rule: 'sasl-failures',
      key: x.ip,
      domain: null,
      severity: 'warning',
      link: alertLink(i.host, 'sasl-failures'),
      vars: { ip: x.ip, count: x.count, minutes: f.windowMinutes, users: list(x.users), limit: f.perIp },
    });
  }
  // A login at its sending limit: the brake held, but someone is pushing on it.
  for (const x of i.limitHits ?? []) {
    out.push({
      rule: 'sasl-limit-hit',
      key: x.user,
      domain: domainOf(x.user) || null,
      severity: 'warning',
      link: alertLink(i.host, 'sasl-limit-hit', x.user),
      vars: { user: x.user, count: x.count, ips: list(x.ips), reply: x.reply },
    });
  }
  const b = i.rules.remoteBlocks;
  for (const x of i.blocks) {
    if (b.count === 0 || x.count < b.count) continue;
    out.push({
      rule: 'remote-blocks',
      key: x.site,
      domain: null,
      link: alertLink(i.host, 'remote-blocks'),
      severity: x.count >= b.count * 5 ? 'critical' : 'warning',
      vars: {
        site: x.site,
        count: x.count,
        minutes: b.windowMinutes,
        limit: b.count,
        reply: x.sample?.reply ?? '',
        provider: x.sample?.provider ?? '',
        code: x.sample?.code ?? '',
        list: x.sample?.listName ?? '',
      },
    });
  }
  return out;
}

export function evaluate(i: EvalInput): Finding[] {
  const out = [...queueFindings(i), ...userFindings(i), ...logFindings(i)];
  if (i.unreachable !== undefined) {
    out.push({
      rule: 'host-unreachable',
      key: '',
      domain: null,
      severity: 'critical',
      link: alertLink(i.host, 'host-unreachable'),
      vars: { error: i.unreachable.slice(0, 300) },
    });
  }
  return out;
}
