// Parser for classic `mailq` / `postqueue -p` output (src/postqueue/showq_compat.c).
// Each message: "ID[*!][#] size date sender", then optional "(reason)" lines
// that apply to the recipient lines after them, then a blank line. The
// "-- N Kbytes in M Requests." trailer is checked against what we read.
// mailq prints local time without a year; pass `now` to get Dates.
import { parseAsctime } from './envelope';
import type { QueueName } from './envelope';

export interface MailqRecipient {
  address: string;
  delayReason?: string;
}

export interface MailqEntry {
  queueId: string;
  /** '*' = active, '!' = hold; unmarked mail is deferred, incoming or maildrop. */
  marker: '' | '*' | '!';
  queue?: Extract<QueueName, 'active' | 'hold'>;
  forcedExpire: boolean;
  size: number;
  /** As printed, e.g. "Mon Feb 24 13:35:18". */
  arrivalText: string;
  arrivalTime: Date | null;
  sender: string;
  recipients: MailqRecipient[];
}

export interface MailqParse {
  entries: MailqEntry[];
  /** "Mail queue is empty" was printed. */
  empty: boolean;
  /** The trailer, when present. */
  summary: { kbytes: number; requests: number } | null;
  /** Sum over the entries we read, in the trailer's units. */
  totals: { kbytes: number; requests: number };
  /** null without a trailer. */
  summaryMatches: boolean | null;
  warnings: string[];
}

export interface MailqOptions {
  timeZone?: string;
  /** Reference time for guessing the missing year; without it arrivalTime is null. */
  now?: Date;
}

const ENTRY = /^([0-9A-Za-z]+)([*!]?)(#?)\s+(\d+)\s+([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d)(?:\s+(.*))?$/;
const DAY = 86400000;

// The latest year, not after `now`, in which that date fell on the printed weekday.
function withYear(text: string, opts: MailqOptions): Date | null {
  if (!opts.now) return null;
  const weekday = text.slice(0, 3);
  const names = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const y0 = opts.now.getUTCFullYear();
  let fallback: Date | null = null;
  for (let y = y0; y > y0 - 8; y--) {
    const d = parseAsctime(text, opts.timeZone, y);
    if (!d || d.getTime() > opts.now.getTime() + DAY) continue;
    fallback ??= d;
    // The weekday belongs to the wall-clock date, so read that date as UTC.
    const wall = parseAsctime(text, 'UTC', y);
    if (wall && names[wall.getUTCDay()] === weekday) return d;
  }
  return fallback;
}

export function parseMailq(text: string, opts: MailqOptions = {}): MailqParse {
  const out: MailqParse = {
    entries: [],
    empty: false,
    summary: null,
    totals: { kbytes: 0, requests: 0 },
    summaryMatches: null,
    warnings: [],
  };
  let current: MailqEntry | null = null;
  let reason: string | undefined;
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    const line = raw.replace(/\s+$/, '');
    if (line === '') {
      current = null;
      reason = undefined;
      continue;
    }
    if (/^-+Queue ID-+\s/.test(line)) continue;
    if (/^Mail queue is empty$/.test(line)) {
      out.empty = true;
      continue;
    }
    const sum = /^-- (\d+) Kbytes in (\d+) Requests?\.$/.exec(line);
    if (sum) {
      out.summary = { kbytes: Number(sum[1]), requests: Number(sum[2]) };
      continue;
    }
    const m = ENTRY.exec(line);
    if (m) {
      const marker = m[2] as MailqEntry['marker'];
      current = {
        queueId: m[1] as string,
        marker,
        forcedExpire: m[3] === '#',
        size: Number(m[4]),
        arrivalText: m[5] as string,
        arrivalTime: withYear(m[5] as string, opts),
        sender: (m[6] ?? '').trim(),
        recipients: [],
      };
      if (marker === '*') current.queue = 'active';
      else if (marker === '!') current.queue = 'hold';
      out.entries.push(current);
      reason = undefined;
      continue;
    }
    const why = /^\s*\((.*)\)$/.exec(line);
    if (why && current) {
      reason = why[1] === 'reason unavailable' ? undefined : why[1];
      continue;
    }
    if (current && /^\s/.test(line)) {
      const r: MailqRecipient = { address: line.trim() };
      if (reason !== undefined) r.delayReason = reason;
      current.recipients.push(r);
      continue;
    }
    out.warnings.push(line.slice(0, 300));
  }
  const bytes = out.entries.reduce((n, e) => n + e.size, 0);
  out.totals = { kbytes: Math.floor(bytes / 1024), requests: out.entries.length };
  if (out.summary) {
    out.summaryMatches = out.summary.kbytes === out.totals.kbytes && out.summary.requests === out.totals.requests;
  } else if (out.empty) out.summaryMatches = out.entries.length === 0;
  return out;
}
