// Parser for `postcat` text (src/postcat/postcat.c): `postcat -q ID`, `-e`,
// `-h`/`-b`, with or without `-o` offsets and `-v` record names. Produces
// the same QueueEnvelope as the binary decoder plus headers and body.
// Times are printed in the server's local zone without saying which, so the
// caller passes `timeZone`. Unknown lines become warnings, never exceptions.
import { emptyEnvelope, isQueueName, OTHER_RECORD_NAMES, parseAsctime, parseSizeRecord, promoteAttributes } from './envelope';
import type { QueueEnvelope, QueueRecipient, RecipientStatus } from './envelope';
import { splitMessageLines, unfoldHeaders } from './message-body';
import type { MessageHeader } from './message-body';
import { isQueueId } from './queue-id';

export interface PostcatOptions {
  /** IANA zone of the server that ran postcat (default UTC). */
  timeZone?: string;
  queueId?: string;
}

export interface PostcatMessage {
  envelope: QueueEnvelope;
  headerLines: string[];
  headers: MessageHeader[];
  body: string;
  /** The path in the `*** ENVELOPE RECORDS path ***` marker. */
  path?: string;
  /** Which `***` markers were seen. */
  sections: { envelope: boolean; content: boolean; extracted: boolean; end: boolean };
  warnings: string[];
}

const MARKER = /^\*\*\* (ENVELOPE RECORDS|MESSAGE CONTENTS|HEADER EXTRACTED|MESSAGE FILE END) (.*) \*\*\*$/;
const RCPT_LABELS: Record<string, RecipientStatus> = {
  recipient: 'pending',
  done_recipient: 'done',
  canceled_recipient: 'canceled',
};
// -v spells out each content record; these carry no message text.
const VERBOSE_SKIP = /^(pointer_record|padding|killed_record): /;
const VERBOSE_TEXT = /^(regular_text|unterminated_text): ?/;
const OTHER_LABELS = new Set(Object.values(OTHER_RECORD_NAMES));

// `-o` prefixes "%9lu " to every record line (not to the ENVELOPE marker).
function stripOffset(line: string, withOffsets: boolean): string {
  if (!withOffsets) return line;
  const m = /^ *\d+ /.exec(line);
  return m && m[0].length >= 10 ? line.slice(m[0].length) : line;
}

/** Split output of `postcat -q ID1 ID2 ...` into one chunk per message. */
export function splitPostcatOutput(text: string): string[] {
  const chunks = text.split(/^(?=\*\*\* ENVELOPE RECORDS )/m);
  return chunks.filter((c) => c.trim() !== '' && /\*\*\* ENVELOPE RECORDS /.test(c));
}

export function parsePostcatAll(text: string, opts: PostcatOptions = {}): PostcatMessage[] {
  const chunks = splitPostcatOutput(text);
  return (chunks.length ? chunks : [text]).map((c) => parsePostcat(c, opts));
}

export function parsePostcat(text: string, opts: PostcatOptions = {}): PostcatMessage {
  const env = emptyEnvelope(opts.queueId ?? '');
  const warnings: string[] = [];
  const sections = { envelope: false, content: false, extracted: false, end: false };
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const content: string[] = [];
  const firstRecord = lines.find((l) => l.trim() !== '' && !MARKER.test(l.trim()));
  const offsetPrefix = firstRecord === undefined ? null : /^ *\d+ /.exec(firstRecord);
  const withOffsets = offsetPrefix !== null && offsetPrefix[0].length >= 10;
  let state: 'env' | 'content' | 'extracted' | 'end' = 'env';
  let verbose: boolean | null = null;
  let joinNext = false;
  let pending: Omit<QueueRecipient, 'address'> = {};
  let path: string | undefined;

  // postcat -h / -b print content only: no markers, no labels.
  const hasMarkers = lines.some((l) => MARKER.test(stripOffset(l, withOffsets).trim()));
  const looksLikeEnvelope = firstRecord !== undefined && /^[a-z_]+:( |$)/.test(stripOffset(firstRecord, withOffsets));
  if (!hasMarkers && !looksLikeEnvelope) state = 'content';

  for (const raw of lines) {
    const line = stripOffset(raw, withOffsets);
    const marker = MARKER.exec(line.trim());
    // Inside the content only the markers that end it count; the body may quote the others.
    const kind = marker?.[1];
    if (marker && (state !== 'content' || kind === 'HEADER EXTRACTED' || kind === 'MESSAGE FILE END')) {
      if (kind === 'ENVELOPE RECORDS') {
        sections.envelope = true;
        path = marker[2];
        state = 'env';
      } else if (kind === 'MESSAGE CONTENTS') {
        sections.content = true;
        state = 'content';
      } else if (kind === 'HEADER EXTRACTED') {
        sections.extracted = true;
        state = 'extracted';
      } else {
        sections.end = true;
        state = 'end';
      }
      continue;
    }
    if (state === 'content') {
      if (verbose === null) verbose = VERBOSE_TEXT.test(line) || VERBOSE_SKIP.test(line);
      let textLine = line;
      if (verbose) {
        if (VERBOSE_SKIP.test(line)) continue;
        const m = VERBOSE_TEXT.exec(line);
        textLine = m ? line.slice(m[0].length) : line;
        if (joinNext && content.length) content[content.length - 1] += textLine;
        else content.push(textLine);
        joinNext = m?.[1] === 'unterminated_text';
        continue;
      }
      content.push(textLine);
      continue;
    }
    if (state === 'end' || line.trim() === '') continue;
    if (/^postcat: /.test(line)) {
      warnings.push(line);
      continue;
    }
    // Output pasted from a web page often has no-break spaces for spaces.
    const m = /^([a-z_-]+):(?: (.*))?$/.exec(line.replace(/\u00a0/g, ' '));
    if (!m) {
      warnings.push(`unrecognised line: ${line.slice(0, 200)}`);
      continue;
    }
    const label = m[1] as string;
    const value = (m[2] ?? '').trimEnd();
    const status = RCPT_LABELS[label];
    if (status) {
      const r: QueueRecipient = { address: value, ...pending, status };
      if (state === 'extracted') r.extracted = true;
      env.recipients.push(r);
      pending = {};
      continue;
    }
    switch (label) {
      case 'message_size': {
        const s = parseSizeRecord(value);
        if (s) {
          env.sizeRecord = s;
          env.size = s.contentSize;
        } else warnings.push(`bad message_size: ${value}`);
        break;
      }
      case 'message_arrival_time':
        env.arrivalTime = parseAsctime(value, opts.timeZone);
        break;
      case 'create_time':
        env.createTime = parseAsctime(value, opts.timeZone);
        break;
      case 'sender':
        env.sender = value;
        break;
      case 'sender_fullname':
        env.senderFullName = value;
        break;
      case 'original_recipient':
        pending.original = value;
        break;
      case 'dsn_original_recipient':
        pending.dsnOrigRcpt = value;
        break;
      case 'dsn_notify_flags':
        pending.dsnNotify = value;
        break;
      case 'named_attribute': {
        const eq = value.indexOf('=');
        if (eq <= 0) {
          warnings.push(`malformed attribute: ${value}`);
          break;
        }
        const name = value.slice(0, eq).trim();
        const v = value.slice(eq + 1).trim();
        if (name === 'dsn_orig_rcpt') pending.dsnOrigRcpt = v;
        else if (name === 'notify_flags') pending.dsnNotify = v;
        else env.attributes[name] = v;
        break;
      }
      case 'pointer_record':
      case 'padding':
      case 'killed_record':
        break;
      default:
        if (OTHER_LABELS.has(label)) (env.records ??= {})[label] = value;
        else warnings.push(`unknown record: ${label}`);
    }
  }

  if (path) {
    const parts = path.split('/');
    const base = parts[parts.length - 1] ?? '';
    if (parts.length > 1 && isQueueName(parts[0] as string)) env.queue = parts[0] as QueueEnvelope['queue'];
    if (!env.queueId && isQueueId(base)) env.queueId = base;
  }
  if (!env.queueId && env.attributes.log_ident) env.queueId = env.attributes.log_ident;
  promoteAttributes(env);
  const { headerLines, body } = splitMessageLines(content);
  const msg: PostcatMessage = { envelope: env, headerLines, headers: unfoldHeaders(headerLines), body, sections, warnings };
  if (path !== undefined) msg.path = path;
  return msg;
}
