// Delivery agent lines (smtp, lmtp, local, virtual, pipe, error, discard):
// `QUEUEID: to=<x>, orig_to=<y>, relay=..., delay=..., delays=a/b/c/d, dsn=..., status=deferred (detail)`
// plus the smtp(8) lines about a remote site that carry no recipient.

import { looksLikeRemoteReply, parseRemoteReply } from './reply';
import { parseDelays, parseKv, parsePeerAt, unbracket } from './tokens';
import type { Delivery, MaillogBody, Peer, TlsEvent } from './types';

const STATUS = ', status=';

export function parseDelivery(queueId: string, rest: string): Delivery | undefined {
  if (!rest.startsWith('to=')) return undefined;
  const si = rest.indexOf(STATUS);
  if (si < 0) return undefined;
  const kv = parseKv(rest, 0, si);
  const to = kv.get('to');
  const relay = kv.get('relay');
  if (to === undefined || relay === undefined) return undefined;
  const statusStart = si + STATUS.length;
  let statusEnd = rest.indexOf(' ', statusStart);
  if (statusEnd < 0) statusEnd = rest.length;
  const status = rest.slice(statusStart, statusEnd);
  let detail = '';
  if (rest[statusEnd + 1] === '(') {
    detail = rest.endsWith(')') ? rest.slice(statusEnd + 2, -1) : rest.slice(statusEnd + 2);
  } else if (statusEnd < rest.length) {
    detail = rest.slice(statusEnd + 1);
  }
  const ev: Delivery = { kind: 'delivery', queueId, to: unbracket(to), relay, status, detail, reply: parseRemoteReply(detail) };
  const origTo = kv.get('orig_to');
  if (origTo !== undefined) ev.origTo = unbracket(origTo);
  const at = relay.indexOf('[') > 0 ? parsePeerAt(relay) : undefined;
  if (at) {
    ev.relayHost = at.peer.name;
    ev.relayAddr = at.peer.ip;
    if (at.peer.port !== undefined) ev.relayPort = at.peer.port;
  } else if (relay !== 'none') {
    // relay=none: no relay host was reached (error/retry agents, suspended sites).
    ev.relayHost = relay;
  }
  const delay = kv.get('delay');
  if (delay !== undefined && delay !== '') {
    const d = Number(delay);
    if (Number.isFinite(d)) ev.delay = d;
  }
  const delays = kv.get('delays');
  const parsedDelays = delays === undefined ? undefined : parseDelays(delays);
  if (parsedDelays) ev.delays = parsedDelays;
  const dsn = kv.get('dsn');
  if (dsn !== undefined) ev.dsn = dsn;
  const tls = kv.get('tls');
  if (tls !== undefined) ev.tls = tls;
  return ev;
}

const TLS_EST = ' TLS connection established ';

/** `Verified TLS connection established to mx[ip]:25: TLSv1.3 with cipher X (256/256 bits) ...`. */
export function parseTls(msg: string): TlsEvent | undefined {
  const sp = msg.indexOf(TLS_EST);
  if (sp <= 0 || sp > 20) return undefined;
  const trust = msg.slice(0, sp);
  let i = sp + TLS_EST.length;
  let direction: TlsEvent['direction'];
  if (msg.startsWith('to ', i)) direction = 'out';
  else if (msg.startsWith('from ', i)) direction = 'in';
  else return undefined;
  i += direction === 'out' ? 3 : 5;
  const at = parsePeerAt(msg, i);
  if (!at || !msg.startsWith(': ', at.end)) return undefined;
  const rest = msg.slice(at.end + 2);
  const wc = rest.indexOf(' with cipher ');
  if (wc < 0) return undefined;
  const afterCipher = rest.slice(wc + 13);
  const paren = afterCipher.indexOf(' (');
  const cipher = paren < 0 ? afterCipher : afterCipher.slice(0, paren);
  const ev: TlsEvent = { kind: 'tls', direction, trust, peer: at.peer as Peer, protocol: rest.slice(0, wc), cipher };
  if (paren >= 0) {
    const bitsEnd = afterCipher.indexOf(' bits)', paren);
    if (bitsEnd > 0) ev.bits = afterCipher.slice(paren + 2, bitsEnd);
  }
  return ev;
}

/** smtp(8)/lmtp(8) messages. */
export function parseSmtpClient(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (queueId && rest.startsWith('to=')) return parseDelivery(queueId, rest);
  if (looksLikeRemoteReply(rest)) {
    const reply = parseRemoteReply(rest);
    if (reply.via === 'other') return undefined;
    return queueId ? { kind: 'remote-reply', queueId, reply } : { kind: 'remote-reply', reply };
  }
  if (!queueId) return parseTls(rest);
  return undefined;
}
