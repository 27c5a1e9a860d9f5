// cleanup(8) header_checks / body_checks actions and milter header edits:
//   QUEUEID: warning: header Subject: hi from c.example[192.0.2.1]; from=<a> to=<b> proto=ESMTP helo=<h>
//   QUEUEID: reject: body ... from local; from=<a> to=<b>: 5.7.1 message content rejected
//   QUEUEID: milter-header-redirect: header X-Spam: Yes from c[ip]; from=<a> to=<b> proto=ESMTP helo=<h>: tom@example.com

import { parseKv, parsePeerAt, unbracket } from './tokens';
import type { ContentCheck } from './types';

const ACTION = /^[a-z][a-z_-]{1,30}$/;
const ENVELOPE = '; from=<';

export function parseContentCheck(queueId: string, rest: string): ContentCheck | undefined {
  const colon = rest.indexOf(': ');
  if (colon < 0) return undefined;
  const action = rest.slice(0, colon);
  if (!ACTION.test(action)) return undefined;
  let part: ContentCheck['part'];
  let textStart: number;
  if (rest.startsWith('header ', colon + 2)) {
    part = 'header';
    textStart = colon + 9;
  } else if (rest.startsWith('body ', colon + 2)) {
    part = 'body';
    textStart = colon + 7;
  } else {
    return undefined;
  }
  const env = rest.lastIndexOf(ENVELOPE);
  if (env < textStart) return undefined;
  const fromAt = rest.lastIndexOf(' from ', env);
  if (fromAt < textStart) return undefined;
  const ev: ContentCheck = { kind: 'content-check', queueId, action, part, text: rest.slice(textStart, fromAt) };
  const clientText = rest.slice(fromAt + 6, env);
  if (clientText === 'local') ev.client = { ip: 'local' };
  else {
    const at = parsePeerAt(clientText);
    if (at) ev.client = at.peer;
  }
  const resultAt = rest.indexOf('>: ', env);
  const kv = parseKv(rest, env + 2, resultAt < 0 ? rest.length : resultAt + 1);
  const from = kv.get('from');
  const to = kv.get('to');
  const proto = kv.get('proto');
  const helo = kv.get('helo');
  if (from !== undefined) ev.from = unbracket(from);
  if (to !== undefined) ev.to = unbracket(to);
  if (proto !== undefined) ev.proto = proto;
  if (helo !== undefined) ev.helo = unbracket(helo);
  if (resultAt >= 0) ev.result = rest.slice(resultAt + 3);
  return ev;
}
