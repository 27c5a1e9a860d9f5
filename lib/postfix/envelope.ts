// Shared shape of one queued message's envelope, whatever it was read from:
// a binary queue file (queue-file.ts), `postcat` text (postcat.ts) or a
// showq listing (postqueue-json.ts, mailq.ts fill the subset they know).
// Field names follow Postfix's own attribute names (src/global/mail_proto.h)
// so a value can be traced back to the record it came from.

export const QUEUE_NAMES = ['incoming', 'active', 'deferred', 'hold', 'maildrop', 'corrupt'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export function isQueueName(s: string): s is QueueName {
  return (QUEUE_NAMES as readonly string[]).includes(s);
}

/** R = still to deliver, D = delivered (qmgr flips R to D in place), / = removed by a milter or edit. */
export type RecipientStatus = 'pending' | 'done' | 'canceled';

export interface QueueRecipient {
  address: string;
  /** The address before alias/virtual rewriting (O record). */
  original?: string;
  /** From the defer log or showq; a queue file never holds it. */
  delayReason?: string;
  status?: RecipientStatus;
  /** DSN ORCPT, e.g. `rfc822;user@example.com`. */
  dsnOrigRcpt?: string;
  /** DSN NOTIFY bit mask as Postfix stores it (decimal string). */
  dsnNotify?: string;
  /** True when the recipient came from the extracted (header) segment. */
  extracted?: boolean;
}

/** The C record: six fixed-width numbers, fewer in files from old Postfix versions. */
export interface SizeRecord {
  contentSize: number;
  dataOffset: number;
  recipientCount: number;
  qmgrFlags?: number;
  contentLength?: number;
  smtputf8?: number;
}

export interface QueueEnvelope {
  queueId: string;
  queue?: QueueName;
  arrivalTime: Date | null;
  createTime?: Date | null;
  /** Message content bytes, from the size record (what showq reports). */
  size: number;
  sizeRecord?: SizeRecord;
  /** '' for the null sender `<>`. */
  sender: string;
  senderFullName?: string;
  recipients: QueueRecipient[];
  saslMethod?: string;
  saslUsername?: string;
  clientAddress?: string;
  clientName?: string;
  reverseClientName?: string;
  heloName?: string;
  protocol?: string;
  logClientAddress?: string;
  /** Every named attribute except the per-recipient DSN ones and create_time. */
  attributes: Record<string, string>;
  /** Other envelope records by their postcat name (content_filter, redirect_to, ...). */
  records?: Record<string, string>;
}

export function emptyEnvelope(queueId = ''): QueueEnvelope {
  return { queueId, arrivalTime: null, size: 0, sender: '', recipients: [], attributes: {} };
}

// Names postcat prints (rec_type.c) for envelope records kept as plain strings in `records`.
export const OTHER_RECORD_NAMES: Readonly<Record<string, string>> = {
  I: 'content_inspector',
  L: 'content_filter',
  W: 'warning_message_time',
  '>': 'redirect_to',
  f: 'flags',
  d: 'delay',
  r: 'return_receipt',
  e: 'errors_to',
  P: 'priority',
  V: 'verp_delimiters',
  '<': 'dsn_return_flags',
  i: 'dsn_envelope_id',
  m: 'milter_count',
};

const PROMOTED: ReadonlyArray<[string, keyof QueueEnvelope]> = [
  ['sasl_method', 'saslMethod'],
  ['sasl_username', 'saslUsername'],
  ['client_address', 'clientAddress'],
  ['client_name', 'clientName'],
  ['reverse_client_name', 'reverseClientName'],
  ['helo_name', 'heloName'],
  ['protocol_name', 'protocol'],
  ['log_client_address', 'logClientAddress'],
];

/** Copy the well-known attributes to their typed fields; both parsers call this last. */
export function promoteAttributes(env: QueueEnvelope): void {
  for (const [attr, field] of PROMOTED) {
    const v = env.attributes[attr];
    if (v !== undefined) (env as unknown as Record<string, unknown>)[field] = v;
  }
}

/** Parse the C record text ("%15ld %15ld ..."); null when the first three numbers are missing. */
export function parseSizeRecord(text: string): SizeRecord | null {
  const n = text
    .trim()
    .split(/\s+/)
    .map((s) => (/^-?\d+$/.test(s) ? Number(s) : NaN));
  const [contentSize, dataOffset, recipientCount, qmgrFlags, contentLength, smtputf8] = n;
  if (contentSize === undefined || dataOffset === undefined || recipientCount === undefined) return null;
  if ([contentSize, dataOffset, recipientCount].some((x) => Number.isNaN(x))) return null;
  const rec: SizeRecord = { contentSize, dataOffset, recipientCount };
  if (qmgrFlags !== undefined && !Number.isNaN(qmgrFlags)) rec.qmgrFlags = qmgrFlags;
  if (contentLength !== undefined && !Number.isNaN(contentLength)) rec.contentLength = contentLength;
  if (smtputf8 !== undefined && !Number.isNaN(smtputf8)) rec.smtputf8 = smtputf8;
  return rec;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

// Offset of `timeZone` from UTC at instant `t`, in ms (local minus UTC).
function zoneOffset(t: number, timeZone: string): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(t))) p[part.type] = Number(part.value);
  const local = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return local - Math.floor(t / 1000) * 1000;
}

/** A wall-clock time in an IANA zone (default UTC) as an instant; null for a bad zone or date. */
export function wallClockToDate(y: number, mon: number, d: number, h: number, mi: number, s: number, timeZone = 'UTC'): Date | null {
  const guess = Date.UTC(y, mon, d, h, mi, s);
  if (!Number.isFinite(guess)) return null;
  if (timeZone === 'UTC') return new Date(guess);
  try {
    const first = guess - zoneOffset(guess, timeZone);
    // Near a DST change the offset at the guess and at the answer differ.
    return new Date(guess - zoneOffset(first, timeZone));
  } catch {
    return null;
  }
}

/**
 * Parse asctime() text as postcat and mailq print it ("Wed Oct 24 06:18:07 2012").
 * Postfix prints local time without a zone, so the caller must say which zone
 * the server uses; mailq drops the year, so `year` fills it in.
 */
export function parseAsctime(text: string, timeZone = 'UTC', year?: number): Date | null {
  const m = /^\s*(?:[A-Z][a-z]{2} )?([A-Z][a-z]{2}) +(\d{1,2}) (\d\d):(\d\d):(\d\d)(?: +(\d{4}))?\s*$/.exec(text);
  if (!m) return null;
  const mon = MONTHS.indexOf(m[1] as string);
  const y = m[6] !== undefined ? Number(m[6]) : year;
  if (mon < 0 || y === undefined) return null;
  return wallClockToDate(y, mon, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), timeZone);
}
