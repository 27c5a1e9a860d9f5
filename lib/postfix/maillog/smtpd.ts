// smtpd(8) messages: sessions, SASL logins and failures, refusals.

import { parseTls } from './delivery';
import { parseReject } from './reject';
import { parseCommandCounters, parseKv, parsePeer, parsePeerAt, unbracket } from './tokens';
import type { LostConnection, MaillogBody, SaslFailure, SaslLogin } from './types';

const SASL_FAILED = ' authentication failed';
// `<reason> after <STAGE> from <client>`; fail2ban and whyscream both count these as session aborts.
const AFTER_REASONS = new Set(['lost connection', 'timeout', 'too many errors', 'improper command pipelining', 'bare <LF> received']);

/** `client=name[ip], sasl_method=LOGIN, sasl_username=user[, sasl_sender=x]` after a queue id. */
function parseClientLine(queueId: string, rest: string): MaillogBody | undefined {
  const kv = parseKv(rest);
  const clientText = kv.get('client');
  const client = clientText ? parsePeer(clientText) : undefined;
  if (!client) return undefined;
  const user = kv.get('sasl_username');
  if (user !== undefined) {
    const ev: SaslLogin = { kind: 'sasl-login', queueId, client, saslUsername: user };
    const method = kv.get('sasl_method');
    const sender = kv.get('sasl_sender');
    if (method !== undefined) ev.saslMethod = method;
    if (sender !== undefined) ev.saslSender = unbracket(sender);
    return ev;
  }
  const orig = kv.get('orig_client');
  const origClient = orig ? parsePeer(orig) : undefined;
  return origClient ? { kind: 'client', queueId, client, origClient } : { kind: 'client', queueId, client };
}

/** `warning: name[ip](:port)?: SASL LOGIN authentication failed: reason[, sasl_username=u]`. */
export function parseSaslFailure(rest: string): SaslFailure | undefined {
  if (!rest.startsWith('warning: ')) return undefined;
  const at = parsePeerAt(rest, 9);
  if (!at || !rest.startsWith(': SASL ', at.end)) return undefined;
  const mechStart = at.end + 7;
  const af = rest.indexOf(SASL_FAILED, mechStart);
  if (af < 0) return undefined;
  const ev: SaslFailure = { kind: 'sasl-failure', client: at.peer, mechanism: rest.slice(mechStart, af), reason: '' };
  let reason = rest.slice(af + SASL_FAILED.length);
  if (reason.startsWith(':')) reason = reason.slice(1);
  if (reason.startsWith(' ')) reason = reason.slice(1);
  const un = reason.lastIndexOf(', sasl_username=');
  if (un >= 0) {
    ev.username = reason.slice(un + 16);
    reason = reason.slice(0, un);
  }
  ev.reason = reason;
  return ev;
}

function parseLost(rest: string): LostConnection | undefined {
  let s = rest;
  if (s.startsWith('NOQUEUE: ')) s = s.slice(9);
  if (s.startsWith('SSL_accept error from ')) {
    const at = parsePeerAt(s, 22);
    if (!at) return undefined;
    const ev: LostConnection = { kind: 'lost-connection', reason: 'SSL_accept error', client: at.peer };
    if (s.startsWith(': ', at.end)) ev.detail = s.slice(at.end + 2);
    return ev;
  }
  const after = s.indexOf(' after ');
  if (after < 0) return undefined;
  const reason = s.slice(0, after);
  if (!AFTER_REASONS.has(reason)) return undefined;
  let i = after + 7;
  const stageStart = i;
  while (i < s.length && s[i] !== ' ') i++;
  const stage = s.slice(stageStart, i);
  // `lost connection after DATA (7774180 bytes) from ...`
  if (s[i + 1] === '(') {
    const close = s.indexOf(') ', i);
    if (close < 0) return undefined;
    i = close + 1;
  }
  if (!s.startsWith(' from ', i)) return undefined;
  const at = parsePeerAt(s, i + 6);
  if (!at) return undefined;
  const ev: LostConnection = { kind: 'lost-connection', reason, stage, client: at.peer };
  if (s.startsWith(': ', at.end)) ev.detail = s.slice(at.end + 2);
  return ev;
}

export function parseSmtpd(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (queueId) {
    if (rest.startsWith('client=')) return parseClientLine(queueId, rest);
    return parseReject(queueId, rest);
  }
  const c = rest.charCodeAt(0);
  if (rest.startsWith('connect from ')) {
    const at = parsePeerAt(rest, 13);
    return at ? { kind: 'connect', client: at.peer } : undefined;
  }
  if (rest.startsWith('disconnect from ')) {
    const at = parsePeerAt(rest, 16);
    if (!at) return undefined;
    const counters = rest[at.end] === ' ' ? parseCommandCounters(rest.slice(at.end + 1)) : undefined;
    return counters ? { kind: 'disconnect', client: at.peer, counters } : { kind: 'disconnect', client: at.peer };
  }
  if (rest.startsWith('NOQUEUE: ')) {
    return parseReject(undefined, rest.slice(9)) ?? parseLost(rest);
  }
  if (rest.startsWith('warning: ')) return parseSaslFailure(rest);
  if (rest.startsWith('proxy-')) return parseReject(undefined, rest);
  // Upper-case first letter: `Anonymous TLS connection established from ...`, `SSL_accept error ...`
  if (c >= 65 && c <= 90) return parseTls(rest) ?? parseLost(rest);
  return parseLost(rest);
}
