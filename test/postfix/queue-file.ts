// Decoder for Postfix's binary queue files (src/global/record.c, rec_type.h).
// A file is a run of records: one type byte, a length in 7-bit groups (low
// group first, high bit = more), then the data. Pointer records (p) splice in
// edits; we follow them like rec_get() does, with its loop guard. Nothing
// here throws on bad input: a fatal problem stops decoding and lands in
// `errors`, oddities we can read past land in `warnings`.
import { emptyEnvelope, OTHER_RECORD_NAMES, parseSizeRecord, promoteAttributes } from '@/lib/postfix/envelope';
import type { QueueEnvelope, QueueName, QueueRecipient, RecipientStatus } from '@/lib/postfix/envelope';
import { splitMessageLines } from '@/lib/postfix/message-body';

/** Record type codes (rec_type.h). L means content_filter in the envelope and a partial line in the content. */
export const REC = {
  SIZE: 'C',
  TIME: 'T',
  CTIME: 'c',
  FULL: 'F',
  INSP: 'I',
  FILT: 'L',
  FROM: 'S',
  DONE: 'D',
  RCPT: 'R',
  ORCP: 'O',
  DRCP: '/',
  WARN: 'W',
  ATTR: 'A',
  KILL: 'K',
  RDR: '>',
  FLGS: 'f',
  DELAY: 'd',
  MESG: 'M',
  CONT: 'L',
  NORM: 'N',
  DTXT: 'w',
  XTRA: 'X',
  RRTO: 'r',
  ERTO: 'e',
  PRIO: 'P',
  PTR: 'p',
  VERP: 'V',
  DSN_RET: '<',
  DSN_ENVID: 'i',
  DSN_ORCPT: 'o',
  DSN_NOTIFY: 'n',
  MILT_COUNT: 'm',
  END: 'E',
} as const;

const RCPT_STATUS: Record<string, RecipientStatus> = { R: 'pending', D: 'done', '/': 'canceled' };
// Records that describe the recipient record that follows them.
const PENDING_FIELD: Record<string, 'original' | 'dsnOrigRcpt' | 'dsnNotify'> = { O: 'original', o: 'dsnOrigRcpt', n: 'dsnNotify' };
// rec_goto() gives up after this many backward jumps; so do we. Forward
// jumps are free: appended recipients chain forward, one jump each.
const MAX_BACK_JUMPS = 10000;

export interface QueueFileOptions {
  /** Also decode the message content (header lines and body). */
  content?: boolean;
  queueId?: string;
  queue?: QueueName;
}

export interface QueueFileResult {
  /** No errors and the end record was reached. */
  ok: boolean;
  envelope: QueueEnvelope;
  /** Fatal problems: decoding stopped at the first one. */
  errors: string[];
  /** Oddities that did not stop decoding (unknown record types, ...). */
  warnings: string[];
  complete: boolean;
  headerLines?: string[];
  /** Body decoded as UTF-8 for quick display. */
  body?: string;
  /** Body bytes as stored, for charset-aware decoding (message-body.ts). */
  rawBody?: Buffer;
}

export interface RawRecord {
  type: string;
  offset: number;
  /** data is buf.subarray(start, end) */
  start: number;
  end: number;
}

/** Read the record at `offset`; a string is an error message. */
export function readRecord(buf: Uint8Array, offset: number): RawRecord | string {
  if (offset >= buf.length) return `unexpected end of file at offset ${offset}`;
  let pos = offset + 1;
  let len = 0;
  for (let shift = 0; ; shift += 7) {
    if (shift >= 32) return `too many length bytes at offset ${offset}`;
    const b = buf[pos++];
    if (b === undefined) return `truncated length at offset ${offset}`;
    len += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) break;
  }
  if (pos + len > buf.length) return `truncated data at offset ${offset} (need ${len} bytes)`;
  return { type: String.fromCharCode(buf[offset] as number), offset, start: pos, end: pos + len };
}

/** Encode one record, as rec_put() writes it. */
export function encodeRecord(type: string | number, data: string | Uint8Array = ''): Buffer {
  const code = typeof type === 'number' ? type : type.charCodeAt(0);
  if (!Number.isInteger(code) || code < 0 || code > 255) throw new RangeError(`bad record type ${String(type)}`);
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const head = [code];
  let rest = body.length;
  do {
    let b = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest) b |= 0x80;
    head.push(b);
  } while (rest);
  return Buffer.concat([Buffer.from(head), body]);
}

/** The fixed-width text of a pointer record ("%15ld"), so edits can be patched in place. */
export function formatPointer(offset: number): string {
  return String(offset).padStart(15, ' ');
}

/** The fixed-width text of a C record. */
export function formatSizeRecord(n: number[]): string {
  return n.map((x) => String(x).padStart(15, ' ')).join(' ');
}

function toDate(text: string): Date | null {
  const m = /^\s*(\d+)(?:\s+(\d+))?/.exec(text);
  if (!m) return null;
  const ms = Number(m[1]) * 1000 + Math.floor(Number(m[2] ?? 0) / 1000);
  return Number.isFinite(ms) ? new Date(ms) : null;
}

export function parseQueueFile(buf: Uint8Array, opts: QueueFileOptions = {}): QueueFileResult {
  return decode(buf, opts, Boolean(opts.content));
}

/** Envelope only: skips the message content using the C record's offsets. */
export function parseQueueEnvelope(buf: Uint8Array, opts: Omit<QueueFileOptions, 'content'> = {}): QueueFileResult {
  return decode(buf, opts, false);
}

function decode(input: Uint8Array, opts: QueueFileOptions, wantContent: boolean): QueueFileResult {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const env = emptyEnvelope(opts.queueId ?? '');
  if (opts.queue) env.queue = opts.queue;
  const errors: string[] = [];
  const warnings: string[] = [];
  const text = (r: RawRecord) => buf.toString('utf8', r.start, r.end);
  // Content stays byte-exact (latin1) until we know where the body starts.
  const bytes = (r: RawRecord) => buf.toString('latin1', r.start, r.end);
  const lines: string[] = [];
  let partial = '';
  let pending: Omit<QueueRecipient, 'address'> = {};
  let section: 'env' | 'content' | 'extracted' = 'env';
  let complete = false;
  let pos = 0;
  let backJumps = 0;
  let lastTarget = 0;

  if (buf.length === 0) errors.push('empty file');
  else if (!'MCTcFILSDRO/WVA>K<ion'.includes(String.fromCharCode(buf[0] as number))) errors.push('not a queue file: bad first record type');

  while (errors.length === 0 && pos < buf.length) {
    const r = readRecord(buf, pos);
    if (typeof r === 'string') {
      errors.push(r);
      break;
    }
    pos = r.end;
    const t = r.type;
    if (t === REC.PTR) {
      const target = Number(text(r).trim());
      if (!Number.isInteger(target) || target < 0 || target >= buf.length) {
        errors.push(`bad pointer at offset ${r.offset}`);
      } else if (target > 0) {
        if (target <= lastTarget && ++backJumps > MAX_BACK_JUMPS) errors.push('too many reverse pointer jumps (loop?)');
        lastTarget = target;
        pos = target;
      }
      continue;
    }
    if (t === REC.DTXT || t === REC.KILL) continue;
    if (t === REC.END) {
      complete = true;
      break;
    }
    if (section === 'content') {
      if (t === REC.XTRA) {
        if (partial) lines.push(partial);
        partial = '';
        section = 'extracted';
      } else if (wantContent && (t === REC.NORM || t === REC.CONT)) {
        partial += bytes(r);
        if (t === REC.NORM) {
          lines.push(partial);
          partial = '';
        }
      } else if (t !== REC.NORM && t !== REC.CONT) {
        warnings.push(`unexpected record type ${JSON.stringify(t)} in content at offset ${r.offset}`);
      }
      continue;
    }
    if (t === REC.MESG) {
      if (section !== 'env') warnings.push(`out-of-order message content marker at offset ${r.offset}`);
      section = 'content';
      const s = env.sizeRecord;
      // Like postcat's optimisation: the X marker sits right after the content.
      if (!wantContent && s && s.dataOffset > 0 && s.contentSize >= 0) {
        const x = s.dataOffset + s.contentSize;
        if (buf[x] === REC.XTRA.charCodeAt(0)) pos = x;
      }
      continue;
    }
    if (t === REC.XTRA) {
      section = 'extracted';
      continue;
    }
    const value = text(r);
    switch (t) {
      case REC.SIZE: {
        const s = parseSizeRecord(value);
        if (s && !env.sizeRecord) {
          env.sizeRecord = s;
          env.size = s.contentSize;
        }
        break;
      }
      case REC.TIME:
        env.arrivalTime = toDate(value);
        break;
      case REC.CTIME:
        env.createTime = toDate(value);
        break;
      case REC.FULL:
        env.senderFullName = value;
        break;
      case REC.FROM:
        env.sender = value;
        break;
      case REC.RCPT:
      case REC.DONE:
      case REC.DRCP: {
        const rcpt: QueueRecipient = { address: value, ...pending, status: RCPT_STATUS[t] };
        if (section === 'extracted') rcpt.extracted = true;
        env.recipients.push(rcpt);
        pending = {};
        break;
      }
      case REC.ATTR: {
        const eq = value.indexOf('=');
        if (eq <= 0) {
          warnings.push(`malformed attribute at offset ${r.offset}`);
          break;
        }
        const name = value.slice(0, eq).trim();
        const v = value.slice(eq + 1).trim();
        if (name === 'dsn_orig_rcpt') pending.dsnOrigRcpt = v;
        else if (name === 'notify_flags') pending.dsnNotify = v;
        else if (name === 'create_time') env.createTime = toDate(v);
        else env.attributes[name] = v;
        break;
      }
      default: {
        const field = PENDING_FIELD[t];
        const name = OTHER_RECORD_NAMES[t];
        if (field) pending[field] = value;
        else if (name) (env.records ??= {})[name] = value;
        else warnings.push(`unknown record type ${JSON.stringify(t)} at offset ${r.offset}`);
      }
    }
  }
  if (errors.length === 0 && !complete) errors.push('missing end-of-message record');
  if (!env.queueId && env.attributes.log_ident) env.queueId = env.attributes.log_ident;
  promoteAttributes(env);
  const result: QueueFileResult = { ok: errors.length === 0, envelope: env, errors, warnings, complete };
  if (wantContent) {
    if (partial) lines.push(partial);
    const { headerLines, body } = splitMessageLines(lines);
    result.headerLines = headerLines.map((l) => Buffer.from(l, 'latin1').toString('utf8'));
    result.rawBody = Buffer.from(body, 'latin1');
    result.body = result.rawBody.toString('utf8');
  }
  return result;
}
