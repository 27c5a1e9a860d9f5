import { z } from 'zod';
import { intString } from '@/lib/zod/strict';

// One set of schemas for the maillog API, its hooks and its OpenAPI entries.
// Times travel as epoch milliseconds in answers and as ISO 8601 in queries.

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const isoTime = z.preprocess(blankToUndefined, z.iso.datetime({ local: true, offset: true }).optional());

export const DEFAULT_RANGE_MS = 7 * 86_400_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const logsRangeSchema = z.strictObject({
  from: isoTime,
  to: isoTime,
  limit: intString(1, 5000).default(100),
});
export type LogsRangeQuery = z.infer<typeof logsRangeSchema>;

// A SASL login name as Postfix logs it: usually an address, sometimes a bare
// user. It is only ever compared in code, never put on a command line.
export const saslUserSchema = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .regex(/^[^\s\0-\x1f,]+$/, 'not a SASL user name');

export const loginsQuerySchema = logsRangeSchema.extend({
  user: z.preprocess(blankToUndefined, saslUserSchema.optional()),
});
export type LoginsQuery = z.infer<typeof loginsQuerySchema>;

export const searchQuerySchema = logsRangeSchema.extend({
  // One line of text: it reaches grep as a single fixed-string pattern on stdin.
  q: z
    .string()
    .trim()
    .min(3)
    .max(200)
    .regex(/^[^\0-\x1f]+$/, 'one line of text'),
  limit: intString(1, 2000).default(200),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

export const tailQuerySchema = z.strictObject({
  lines: intString(0, 1000).default(200),
});

export type TimeRange = { from: number; to: number | null };

/**
 * The range a query asks for. Without `from`, the last 7 days from the
 * start of the hour: a stable start keeps the cache key the same all hour.
 */
export function resolveRange(q: { from?: string; to?: string }, now = Date.now()): TimeRange {
  const from = q.from ? Date.parse(q.from) : Math.floor((now - DEFAULT_RANGE_MS) / HOUR_MS) * HOUR_MS;
  const to = q.to ? Date.parse(q.to) : null;
  if (to !== null && to < from) throw new z.ZodError([{ code: 'custom', path: ['to'], message: '"to" is before "from"', input: q.to }]);
  return { from, to };
}

export const MINUTE_MS = 60_000;

/** Counting resolution: minutes up to two weeks (the chart rebins), hours beyond, so a timeline stays under ~20,000 points. */
export function bucketFor(range: TimeRange, now = Date.now()): number {
  const span = (range.to ?? now) - range.from;
  return span <= 14 * DAY_MS ? MINUTE_MS : HOUR_MS;
}

// ---- answers -------------------------------------------------------------

export type TimelinePoint = [bucketStart: number, count: number];

export type ScanInfo = {
  files: { path: string; size: number; gz: boolean }[];
  /** Log bytes the scan covered (sum of the files read). */
  bytes: number;
  /** Lines that reached the parser (after filtering on the host). */
  lines: number;
  ms: number;
  cached: boolean;
  /** How the answer was produced: a full read, the cache, or the cache plus the new tail of the log. */
  mode: 'full' | 'cache' | 'resume';
  range: TimeRange;
  /** When the answer was made (server clock): the open end of the range. */
  at: number;
};

export type LoginUserRow = { user: string; logins: number; ips: number; topIp: string; topIpCount: number; first: number; last: number };
export type LoginsList = { users: LoginUserRow[]; totalUsers: number; totalLogins: number; bucketMs: number; timeline: TimelinePoint[]; scan: ScanInfo };

export type LoginIpRow = { ip: string; name?: string; count: number; first: number; last: number };
export type SenderRow = { address: string; count: number };
export type LoginsDetail = {
  user: string;
  logins: number;
  first: number | null;
  last: number | null;
  ips: LoginIpRow[];
  totalIps: number;
  methods: Record<string, number>;
  /** Messages whose queue entry (qmgr `from=`) was seen; recipients are their nrcpt sum. */
  messages: number;
  recipients: number;
  senders: SenderRow[];
  /** Envelope senders that are not the login itself: forged, or aliases. */
  otherSenders: number;
  bucketMs: number;
  timeline: TimelinePoint[];
  scan: ScanInfo;
};

export type OffenderIpRow = {
  ip: string;
  name?: string;
  failures: number;
  users: number;
  topUsers: string[];
  first: number;
  last: number;
  loginsAfter: number;
};
export type OffenderUserRow = { username: string; failures: number; ips: number; first: number; last: number; loggedInFromFailingIp: boolean };
export type BruteforceReport = {
  failures: number;
  /** Failures whose line named the user (Postfix ≥ 3.x with the user sent); older logs give IPs only. */
  withUsername: number;
  /** `Connection lost to authentication server`: our SASL server failed, nobody guessed; not counted above. */
  serverErrors: number;
  ips: OffenderIpRow[];
  totalIps: number;
  users: OffenderUserRow[];
  totalUsers: number;
  bucketMs: number;
  timeline: TimelinePoint[];
  /** Offenders over the threshold, for the fail2ban/postscreen suggestion. */
  suggest: { threshold: number; ips: string[]; cidrTable: string; fail2banJail: string };
  scan: ScanInfo;
};

export type ReplyBadge = { blocked: boolean; kind: string; provider?: string; code?: string; listName?: string; link?: string };
export type BlockGroup = {
  site: string;
  reply: string;
  sample: string;
  class: ReplyBadge;
  count: number;
  deferred: number;
  bounced: number;
  recipients: number;
  first: number;
  last: number;
  queueIds: string[];
  relays: string[];
};
export type BlocksReport = { groups: BlockGroup[]; totalGroups: number; deferred: number; bounced: number; blockedSites: string[]; scan: ScanInfo };

export type TraceLine = { time: number; raw: string; kind: string; queueId?: string };
export type TraceRecipient = { to: string; status: string; relay: string; detail: string; time: number };
export type TraceMessage = {
  queueId: string;
  relation: 'self' | 'bounce' | 'original';
  client?: string;
  saslUser?: string;
  from?: string;
  size?: number;
  nrcpt?: number;
  messageId?: string;
  recipients: TraceRecipient[];
  removed: boolean;
  lines: TraceLine[];
};
export type TraceReport = { queueId: string; messages: TraceMessage[]; scan: ScanInfo };

export type SearchReport = { lines: TraceLine[]; matched: number; truncated: boolean; scan: ScanInfo };

export type TailEvent = { time: number | null; raw: string; kind: string; queueId?: string };
