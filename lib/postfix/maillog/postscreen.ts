// postscreen(8): `CONNECT from [ip]:port to [ip]:25`, `PASS NEW [ip]:port`,
// `DNSBL rank 3 for [ip]:port`, `PREGREET 14 after 0.08 from [ip]:port: EHLO x`,
// `HANGUP after 16 from [ip]:port in tests after SMTP handshake`, and its
// `NOQUEUE: reject: RCPT from [ip]:port: 550 ...` refusals.

import { parseReject } from './reject';
import { parsePeerAt } from './tokens';
import type { MaillogBody, PostscreenEvent } from './types';

function isUpperWord(w: string): boolean {
  if (!w) return false;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (!((c >= 65 && c <= 90) || c === 45)) return false;
  }
  return true;
}

export function parsePostscreen(rest: string): MaillogBody | undefined {
  if (rest.startsWith('NOQUEUE: ')) return parseReject(undefined, rest.slice(9));
  const open = rest.indexOf('[');
  if (open < 1) return undefined;
  const words = rest.slice(0, open).split(' ');
  const action: string[] = [];
  for (const w of words) {
    if (!isUpperWord(w)) break;
    action.push(w);
  }
  if (action.length === 0) return undefined;
  const at = parsePeerAt(rest, open);
  if (!at) return undefined;
  const ev: PostscreenEvent = { kind: 'postscreen', action: action.join(' '), client: at.peer };
  let detail = rest.slice(at.end);
  if (detail.startsWith(': ')) detail = detail.slice(2);
  else if (detail.startsWith(' ')) detail = detail.slice(1);
  if (detail.startsWith('after ')) {
    // `after RCPT` or `after CONNECT: GET / HTTP/1.1` (the text the client sent)
    const colon = detail.indexOf(':', 6);
    ev.stage = detail.slice(6, colon < 0 ? undefined : colon);
  }
  // Keep the middle words (`rank 3`, `after 0.08`) too: they carry the measurement.
  const middle = words.slice(action.length).filter((w) => w && w !== 'from' && w !== 'for');
  const full = [middle.join(' '), detail].filter(Boolean).join(' ');
  if (full) ev.detail = full;
  return ev;
}
