// Split what Postfix says about a remote site into host, code and text.
// Input is the parenthesised part of a delivery line, or the message of an
// smtp(8) line such as `host X[ip] said: ... (in reply to RCPT TO command)`.

import { parsePeerAt, replyCode } from './tokens';
import type { RemoteReply } from './types';

const SUSPENDED = 'delivery temporarily suspended: ';
const IN_REPLY = ' (in reply to ';
const SASL_SERVER = 'SASL authentication failed; server ';
const SSL_CONNECT = 'SSL_connect error to ';
const CERT_FAILED = 'certificate verification failed for ';

function withCode(r: RemoteReply): RemoteReply {
  const [code, dsn] = replyCode(r.text);
  if (code) r.code = code;
  if (dsn) r.dsn = dsn;
  return r;
}

/** `host X[ip] said: reply (in reply to RCPT TO command)` and `... refused to talk to me: reply`. */
function hostSays(s: string, start: number, suspended: boolean): RemoteReply | undefined {
  const at = parsePeerAt(s, start);
  if (!at) return undefined;
  const tail = s.slice(at.end);
  let via: RemoteReply['via'];
  let textStart: number;
  if (tail.startsWith(' said: ')) {
    via = 'said';
    textStart = at.end + 7;
  } else if (tail.startsWith(' refused to talk to me: ')) {
    via = 'refused';
    textStart = at.end + 24;
  } else {
    return undefined;
  }
  let text = s.slice(textStart);
  let stage: string | undefined;
  const ir = text.lastIndexOf(IN_REPLY);
  if (ir >= 0 && text.endsWith(' command)')) {
    stage = text.slice(ir + IN_REPLY.length, -' command)'.length);
    text = text.slice(0, ir);
  }
  const r: RemoteReply = { via, suspended, host: at.peer.name, ip: at.peer.ip, text };
  if (at.peer.port !== undefined) r.port = at.peer.port;
  if (stage !== undefined) r.stage = stage;
  return withCode(r);
}

/** `lost connection with X[ip] while sending RCPT TO`, `conversation with X[ip] timed out while ...`. */
function connectionTrouble(s: string, start: number, via: 'lost' | 'timeout', suspended: boolean): RemoteReply | undefined {
  const at = parsePeerAt(s, start);
  if (!at) return undefined;
  let tail = s.slice(at.end);
  let text = via === 'lost' ? 'lost connection' : 'timed out';
  if (via === 'timeout') {
    if (!tail.startsWith(' timed out')) return undefined;
    tail = tail.slice(' timed out'.length);
  }
  const r: RemoteReply = { via, suspended, host: at.peer.name, ip: at.peer.ip, text };
  if (tail.startsWith(' while ')) r.stage = tail.slice(7);
  else if (tail) text = `${text}${tail}`;
  r.text = text;
  return r;
}

/** `connect to X[ip]:25: Connection refused`. */
function connectFailed(s: string, start: number, suspended: boolean): RemoteReply | undefined {
  const at = parsePeerAt(s, start);
  if (!at || s[at.end] !== ':' || s[at.end + 1] !== ' ') return undefined;
  const r: RemoteReply = { via: 'connect', suspended, host: at.peer.name, ip: at.peer.ip, text: s.slice(at.end + 2) };
  if (at.peer.port !== undefined) r.port = at.peer.port;
  return r;
}

/** `SSL_connect error to X[ip]:25: detail`, `certificate verification failed for X[ip]:25: detail`. */
function tlsTrouble(s: string, start: number, suspended: boolean): RemoteReply | undefined {
  const r = connectFailed(s, start, suspended);
  if (r) r.via = 'tls';
  return r;
}

export function parseRemoteReply(input: string): RemoteReply {
  let s = input;
  let suspended = false;
  if (s.startsWith(SUSPENDED)) {
    suspended = true;
    s = s.slice(SUSPENDED.length);
  }
  let r: RemoteReply | undefined;
  if (s.startsWith('host ')) r = hostSays(s, 5, suspended);
  else if (s.startsWith(SASL_SERVER)) r = hostSays(s, SASL_SERVER.length, suspended);
  else if (s.startsWith('lost connection with ')) r = connectionTrouble(s, 21, 'lost', suspended);
  else if (s.startsWith('conversation with ')) r = connectionTrouble(s, 18, 'timeout', suspended);
  else if (s.startsWith('connect to ')) r = connectFailed(s, 11, suspended);
  else if (s.startsWith(SSL_CONNECT)) r = tlsTrouble(s, SSL_CONNECT.length, suspended);
  else if (s.startsWith(CERT_FAILED)) r = tlsTrouble(s, CERT_FAILED.length, suspended);
  return r ?? withCode({ via: 'other', suspended, text: s });
}

/** True when the message is one of the shapes above (used to recognise smtp(8) lines without a recipient). */
export function looksLikeRemoteReply(s: string): boolean {
  return (
    s.startsWith('host ') ||
    s.startsWith('lost connection with ') ||
    s.startsWith('conversation with ') ||
    s.startsWith('connect to ') ||
    s.startsWith(SASL_SERVER) ||
    s.startsWith(SSL_CONNECT) ||
    s.startsWith(CERT_FAILED) ||
    s.startsWith(SUSPENDED)
  );
}
