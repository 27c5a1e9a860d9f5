// One maillog line → one typed event. The header (stamp, host, tag[pid])
// is cut by index; the message goes to parseMaillogMessage.

import { parseMaillogMessage } from './parse-message';
import { parseTimestamp, type TimeOptions } from './timestamp';
import type { KnownEvent, MaillogEvent, MaillogHeader } from './types';

export type ParseOptions = TimeOptions;

/** `postfix/submission/smtpd` → [`postfix/submission`, `smtpd`]; a tag without '/' is both. */
export function splitProgram(program: string): [string, string] {
  const slash = program.lastIndexOf('/');
  return slash < 0 ? [program, program] : [program.slice(0, slash), program.slice(slash + 1)];
}

/** Cut `host prog[pid]: message` after the stamp; undefined when the shape is wrong. */
function parseHeader(line: string, time: number, exact: boolean, start: number): MaillogHeader | undefined {
  const hostEnd = line.indexOf(' ', start);
  if (hostEnd <= start) return undefined;
  let i = hostEnd + 1;
  const tagStart = i;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 91 /* [ */ || c === 58 /* : */ || c === 32 /* space */) break;
    i++;
  }
  if (i === tagStart || i === n) return undefined;
  const program = line.slice(tagStart, i);
  let pid: number | undefined;
  if (line.charCodeAt(i) === 91) {
    const close = line.indexOf(']', i);
    if (close < 0) return undefined;
    pid = Number(line.slice(i + 1, close));
    if (!Number.isInteger(pid)) return undefined;
    i = close + 1;
  }
  if (line.charCodeAt(i) !== 58) return undefined;
  i++;
  if (line.charCodeAt(i) === 32) i++;
  const [syslogName, service] = splitProgram(program);
  const header: MaillogHeader = { time, timeExact: exact, host: line.slice(start, hostEnd), program, syslogName, service, message: line.slice(i) };
  if (pid !== undefined) header.pid = pid;
  return header;
}

/**
 * Parse one log line. Never throws: lines without a recognisable header come
 * back as `{ kind: 'unknown', reason: 'bad-header', raw }`, lines whose message
 * no parser knows as `{ kind: 'unknown', reason: 'unrecognised', ...header }`.
 */
export function parseMaillogLine(input: string, opts?: ParseOptions): MaillogEvent {
  let line = input;
  const last = line.charCodeAt(line.length - 1);
  if (last === 10 || last === 13) line = line.replace(/[\r\n]+$/, '');
  if (line.charCodeAt(0) === 32) line = line.trimStart();
  const t = parseTimestamp(line, opts);
  const header = t ? parseHeader(line, t.time, t.exact, t.end) : undefined;
  if (!header) return { kind: 'unknown', reason: 'bad-header', raw: input };
  let body;
  try {
    body = parseMaillogMessage(header.service, header.message);
  } catch {
    // A parser bug must cost one line, not the whole scan.
    body = undefined;
  }
  if (!body) return { ...header, kind: 'unknown', reason: 'unrecognised', raw: input };
  // Plain stores instead of Object.assign/spread: measurably faster per line.
  const ev = body as KnownEvent;
  ev.time = header.time;
  ev.timeExact = header.timeExact;
  ev.host = header.host;
  ev.program = header.program;
  ev.syslogName = header.syslogName;
  ev.service = header.service;
  if (header.pid !== undefined) ev.pid = header.pid;
  ev.message = header.message;
  return ev;
}
