// SMTP-level refusals logged by smtpd, postscreen and cleanup (milters):
//   NOQUEUE: reject: RCPT from name[ip]: 554 5.7.1 <rcpt>: Relay access denied; from=<a> to=<b> proto=ESMTP helo=<h>
//   NOQUEUE: reject: RCPT from [ip]:port: 550 5.7.1 Service unavailable; ...; from=<a>, to=<b>, proto=ESMTP, helo=<h>
//   QUEUEID: milter-reject: END-OF-MESSAGE from name[ip]: 5.7.1 Blocked by SpamAssassin; from=<a> ...
//   proxy-reject: END-OF-MESSAGE: 554 5.7.0 Reject ...; from=<a> to=<b> ...

import { isDsn, parseKv, parsePeerAt, replyCode, unbracket } from './tokens';
import type { RejectEvent } from './types';

const ACTION = /^[a-z][a-z_-]{2,20}$/;
const KV_STARTS = ['; from=<', '; to=<', '; proto='];

function isStageChar(c: number): boolean {
  return (c >= 65 && c <= 90) || c === 45; // A-Z or '-'
}

function kvStart(rest: string, min: number): number {
  for (const k of KV_STARTS) {
    const i = rest.lastIndexOf(k);
    if (i >= min) return i;
  }
  return -1;
}

export function parseReject(queueId: string | undefined, rest: string): RejectEvent | undefined {
  const colon = rest.indexOf(': ');
  if (colon < 0) return undefined;
  const action = rest.slice(0, colon);
  if (!ACTION.test(action)) return undefined;
  let i = colon + 2;
  const stageStart = i;
  while (i < rest.length && isStageChar(rest.charCodeAt(i))) i++;
  if (i === stageStart) return undefined;
  const stage = rest.slice(stageStart, i);
  let client: RejectEvent['client'];
  let replyStart: number;
  if (rest.startsWith(' from ', i)) {
    const at = parsePeerAt(rest, i + 6);
    if (!at) return undefined;
    client = at.peer;
    if (rest.startsWith(': ', at.end)) replyStart = at.end + 2;
    else if (rest[at.end] === ';')
      replyStart = at.end; // cleanup header checks: `from x[ip]; from=<...>`
    else return undefined;
  } else if (rest.startsWith(': ', i)) {
    replyStart = i + 2;
  } else {
    return undefined;
  }

  const ks = kvStart(rest, replyStart);
  const reply = ks < 0 ? rest.slice(replyStart) : rest.slice(replyStart, ks);
  const ev: RejectEvent = { kind: 'reject', action, stage, reason: '' };
  if (queueId) ev.queueId = queueId;
  if (client) ev.client = client;

  const [code, firstDsn, firstTi] = replyCode(reply);
  let dsn = firstDsn;
  let ti = firstTi;
  if (!code) {
    const sp = reply.indexOf(' ');
    const tok = sp < 0 ? reply : reply.slice(0, sp);
    if (isDsn(tok)) {
      dsn = tok;
      ti = sp < 0 ? reply.length : sp + 1;
    }
  }
  if (code) ev.code = code;
  if (dsn) ev.dsn = dsn;
  const text = reply.slice(ti);
  if (text[0] === '<') {
    const close = text.indexOf('>: ');
    if (close > 0) {
      ev.target = text.slice(1, close);
      ev.reason = text.slice(close + 3);
    } else {
      ev.reason = text;
    }
  } else if (text.startsWith(': ')) {
    ev.target = '';
    ev.reason = text.slice(2);
  } else {
    ev.reason = text;
  }
  const bu = ev.reason.indexOf('blocked using ');
  if (bu >= 0) {
    let e = bu + 14;
    while (e < ev.reason.length && ev.reason[e] !== ';' && ev.reason[e] !== ' ' && ev.reason[e] !== ',') e++;
    ev.blockedUsing = ev.reason.slice(bu + 14, e);
  }

  if (ks >= 0) {
    const kv = parseKv(rest, ks + 2);
    const from = kv.get('from');
    const to = kv.get('to');
    const proto = kv.get('proto');
    const helo = kv.get('helo');
    if (from !== undefined) ev.from = unbracket(from);
    if (to !== undefined) ev.to = unbracket(to);
    if (proto !== undefined) ev.proto = proto;
    if (helo !== undefined) ev.helo = unbracket(helo);
  }
  return ev;
}
