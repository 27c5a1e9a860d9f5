import type { LogUserEvidence } from './log-evidence';
import type { QueueUserEvidence } from './queue-evidence';

// How likely a SASL login is the stolen one, 0-100, with every point
// explained. Pure: evidence in, score and reasons out. The weights (maximum
// points per signal) and why:
//
//   forged senders      30  the seed's signature: a login sending as strangers
//                            (share of its queued mail, or of its submissions in
//                            the log, whose sender is outside its domain),
//                            scaled down below 10 messages
//   recipients/message  15  spam goes to many; people write to one or two
//                            (2 or fewer → 0, 10 or more → 15)
//   client IPs          15  a botnet on one login: up to 10 for many distinct
//                            IPs (2 → 2, 6+ → 10), up to 5 for IPs new in the
//                            recent window when the login had a history
//   volume              20  submissions per hour now against its own older
//                            log lines (2× → 6 ... 10× → 20); without a day of
//                            older log, up to 10 on volume alone (20+ messages)
//   password guessing   15  an IP that failed to log in and then logged in as
//                            this login (3+ failures → 15); else 5 for 5+
//                            failures naming this login
//   hit its limit       10  the sending-limit policy service refused its mail:
//                            a login pushing past its brake (any refusal → 10)
//   guessable password  10  the weak-password sweep guessed its password
//                            (lib/passwords) and it is sending (any mail → 10)
//   idle account        10  an old mailbox (created 90+ days ago) with no login
//                            in the log before the burst, now sending 10+;
//                            5 when the log reaches back less than a week
//                            (but at least an hour)
//
// The sum is capped at 100. Each reason carries its numbers as vars; the
// pages and the report put them into words (incident.reason.<id>).

/**
 * From this score on a login is a suspect: listed, counted and offered a
 * response. Forged senders alone (30) make one; a busy legitimate login
 * (volume, recipients, a few IPs) stays below it and is folded under "others".
 */
export const SUSPECT_SCORE = 30;

/** Suspects (at or above SUSPECT_SCORE) and the rest with any points, both highest first as given. */
export function splitSuspects<T extends { score: number }>(scored: T[], threshold = SUSPECT_SCORE): { suspects: T[]; others: T[] } {
  return { suspects: scored.filter((s) => s.score >= threshold), others: scored.filter((s) => s.score > 0 && s.score < threshold) };
}

export const WEIGHTS = {
  forged: 30,
  recipients: 15,
  ips: 10,
  newIps: 5,
  volume: 20,
  volumeNoBaseline: 10,
  bruteforce: 15,
  failures: 5,
  limitHit: 10,
  guessable: 10,
  idle: 10,
} as const;

export const REASON_IDS = [
  'forged-share',
  'recipients-per-message',
  'many-ips',
  'new-ips',
  'volume-vs-baseline',
  'volume-no-baseline',
  'bruteforce-then-login',
  'failed-logins',
  'limit-hit',
  'guessable-password',
  'idle-account',
  'idle-account-short-log',
] as const;
export type ReasonId = (typeof REASON_IDS)[number];
export type Reason = { id: ReasonId; points: number; vars: Record<string, string | number> };

export type ScoreInput = {
  queue?: QueueUserEvidence;
  log?: LogUserEvidence;
  /** The mailbox row's createdate as ISO (null: zero date or no such mailbox). */
  createdIso?: string | null;
  /** The weak-password sweep's finding for this login (lib/passwords), e.g. 'login+digits'; null: not flagged. */
  guessable?: string | null;
  now: number;
};

const DAY_MS = 86_400_000;
const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 10) / 10;
const pct = (x: number) => Math.round(x * 100);

export function scoreUser(input: ScoreInput): { score: number; reasons: Reason[] } {
  const reasons: Reason[] = [];
  const add = (id: ReasonId, points: number, vars: Reason['vars']) => {
    const p = Math.round(points);
    if (p > 0) reasons.push({ id, points: p, vars });
  };
  const { queue: q, log } = input;

  // Forged senders: the queue when it holds this login's mail, else the log.
  const forgedSrc =
    q && q.messages > 0
      ? { messages: q.messages, forged: q.forged, where: 'queue' }
      : log && log.recent.messages > 0
        ? { messages: log.recent.messages, forged: log.recent.forged, where: 'log' }
        : null;
  if (forgedSrc && forgedSrc.forged > 0) {
    const share = forgedSrc.forged / forgedSrc.messages;
    add('forged-share', WEIGHTS.forged * share * clamp01(forgedSrc.messages / 10), {
      share: pct(share),
      forged: forgedSrc.forged,
      messages: forgedSrc.messages,
      where: forgedSrc.where,
    });
  }

  const volume =
    q && q.messages > 0
      ? { messages: q.messages, recipients: q.recipients }
      : log
        ? { messages: log.recent.messages, recipients: log.recent.recipients }
        : null;
  if (volume && volume.messages >= 3) {
    const avg = volume.recipients / volume.messages;
    add('recipients-per-message', WEIGHTS.recipients * clamp01((avg - 2) / 8), { avg: round(avg), messages: volume.messages, recipients: volume.recipients });
  }

  const ips = new Set([...(q?.ips.map((i) => i.ip) ?? []), ...(log?.ips.filter((i) => i.last >= input.now - DAY_MS).map((i) => i.ip) ?? [])]);
  if (ips.size >= 2) {
    const top = q?.ips[0] ?? log?.ips[0];
    add('many-ips', WEIGHTS.ips * clamp01((ips.size - 1) / 5), {
      ips: ips.size,
      topIp: top?.ip ?? '',
      topCount: q?.ips[0]?.messages ?? log?.ips[0]?.logins ?? 0,
    });
  }
  if (log && log.newIps > 0 && log.priorLogins > 0) {
    const known = log.ips.length - log.newIps;
    add('new-ips', WEIGHTS.newIps * clamp01(log.newIps / Math.max(1, log.ips.length)), {
      newIps: log.newIps,
      knownIps: known,
      sample: log.ips.find((i) => i.isNew)?.ip ?? '',
    });
  }

  if (log && log.recent.messages > 0) {
    const perHour = log.recent.messages / log.recent.hours;
    if (log.baseline) {
      const base = log.baseline.messages / Math.max(1, log.baseline.hours);
      const ratio = base > 0 ? perHour / base : Infinity;
      // Nothing before and 20+ now counts as the full 10×.
      const strength = base > 0 ? clamp01(Math.log2(ratio) / Math.log2(10)) : log.recent.messages >= 20 ? 1 : 0;
      if (ratio >= 2)
        add('volume-vs-baseline', WEIGHTS.volume * strength, {
          recent: log.recent.messages,
          perHour: round(perHour),
          basePerHour: round(base),
          ratio: Number.isFinite(ratio) ? round(ratio) : '∞',
          baseDays: round(log.baseline.hours / 24),
        });
    } else if (log.recent.messages >= 20) {
      add('volume-no-baseline', WEIGHTS.volumeNoBaseline * clamp01(Math.log10(Math.max(1, log.recent.messages)) / 2), {
        recent: log.recent.messages,
        hours: round(log.recent.hours),
      });
    }
  }

  if (log?.bruteThenLogin && log.bruteThenLogin.failures >= 3) {
    const b = log.bruteThenLogin;
    add('bruteforce-then-login', WEIGHTS.bruteforce, {
      ip: b.ip,
      failures: b.failures,
      firstFailure: new Date(b.firstFailure).toISOString(),
      firstLogin: new Date(b.firstLogin).toISOString(),
    });
  } else if (log && log.failures >= 5) {
    add('failed-logins', WEIGHTS.failures, { failures: log.failures });
  }

  if (log?.limitHits) add('limit-hit', WEIGHTS.limitHit, { refused: log.limitHits });

  // A password the sweep guessed, on a login that is sending: how the seed's account fell.
  if (input.guessable && Math.max(q?.messages ?? 0, log?.recent.messages ?? 0) > 0) add('guessable-password', WEIGHTS.guessable, { pattern: input.guessable });

  const sending = Math.max(q?.messages ?? 0, log?.recent.messages ?? 0);
  const created = input.createdIso ? Date.parse(input.createdIso) : NaN;
  if (Number.isFinite(created) && input.now - created >= 90 * DAY_MS && sending >= 10 && log && log.priorLogins === 0) {
    const days = Math.floor(log.coverageBeforeBurstMs / DAY_MS);
    const vars = {
      created: input.createdIso!.slice(0, 10),
      ageDays: Math.floor((input.now - created) / DAY_MS),
      logDays: days,
      logHours: Math.floor(log.coverageBeforeBurstMs / 3_600_000),
    };
    // Less than an hour of log before the burst says nothing about the months before it.
    if (days >= 7) add('idle-account', WEIGHTS.idle, vars);
    else if (log.coverageBeforeBurstMs >= 3_600_000) add('idle-account-short-log', WEIGHTS.idle / 2, vars);
  }

  const score = Math.min(
    100,
    reasons.reduce((n, r) => n + r.points, 0),
  );
  reasons.sort((a, b) => b.points - a.points);
  return { score, reasons };
}
