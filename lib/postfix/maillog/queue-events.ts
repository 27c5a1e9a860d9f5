// Queue life-cycle messages: qmgr, cleanup, pickup, bounce, postsuper,
// plus master(8) and dnsblog(8), which are one-liners too.

import { parseContentCheck } from './content-check';
import { parseDelivery } from './delivery';
import { parseReject } from './reject';
import { parseKv, unbracket } from './tokens';
import type { MaillogBody, PostsuperEvent } from './types';

export function parseQmgr(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (!queueId) return undefined;
  if (rest === 'removed') return { kind: 'removed', queueId };
  if (rest.startsWith('from=')) {
    const kv = parseKv(rest);
    const from = kv.get('from');
    if (from === undefined) return undefined;
    const status = kv.get('status');
    if (status !== undefined) return { kind: 'qmgr-expired', queueId, from: unbracket(from), status };
    const size = Number(kv.get('size'));
    const nrcpt = Number(kv.get('nrcpt'));
    if (!Number.isFinite(size) || !Number.isFinite(nrcpt)) return undefined;
    return { kind: 'qmgr-from', queueId, from: unbracket(from), size, nrcpt };
  }
  return parseDelivery(queueId, rest);
}

export function parseCleanup(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (!queueId) return undefined;
  if (rest.startsWith('message-id=')) {
    return { kind: 'cleanup', queueId, messageId: unbracket(rest.slice(11)) };
  }
  return parseContentCheck(queueId, rest) ?? (rest.startsWith('milter-') ? parseReject(queueId, rest) : undefined);
}

export function parsePickup(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (!queueId || !rest.startsWith('uid=')) return undefined;
  const kv = parseKv(rest);
  const uid = Number(kv.get('uid'));
  const from = kv.get('from');
  if (!Number.isInteger(uid) || from === undefined) return undefined;
  return { kind: 'pickup', queueId, uid, from: unbracket(from) };
}

const NOTIFICATION = ' notification: ';

/** `sender non-delivery notification: NEWID`, `postmaster delay notification: NEWID`. */
export function parseBounce(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (!queueId) return undefined;
  const n = rest.lastIndexOf(NOTIFICATION);
  const sp = rest.indexOf(' ');
  if (n < 0 || sp < 0 || sp > n) return undefined;
  const newQueueId = rest.slice(n + NOTIFICATION.length);
  return {
    kind: 'bounce-notification',
    queueId,
    newQueueId,
    recipient: rest.slice(0, sp),
    notification: rest.slice(sp + 1, n),
  };
}

const POSTSUPER_ACTIONS: Record<string, PostsuperEvent['action']> = {
  removed: 'removed',
  'placed on hold': 'held',
  'released from hold': 'released',
  requeued: 'requeued',
};

const POSTSUPER_SUMMARY: Record<string, PostsuperEvent['action']> = {
  Deleted: 'removed',
  'Placed on hold': 'held',
  'Released from hold': 'released',
  Requeued: 'requeued',
};

export function parsePostsuper(queueId: string | undefined, rest: string): MaillogBody | undefined {
  if (queueId) {
    const action = POSTSUPER_ACTIONS[rest];
    return action ? { kind: 'postsuper', action, queueId } : undefined;
  }
  // `Deleted: 115 messages`, `Requeued: 1 message`
  const colon = rest.indexOf(': ');
  if (colon < 0) return undefined;
  const action = POSTSUPER_SUMMARY[rest.slice(0, colon)];
  const tail = rest.slice(colon + 2);
  const sp = tail.indexOf(' ');
  const count = Number(tail.slice(0, sp));
  const unit = tail.slice(sp + 1);
  if (!action || sp < 1 || !Number.isInteger(count) || (unit !== 'messages' && unit !== 'message')) return undefined;
  return { kind: 'postsuper', action, count };
}

export function parseMaster(rest: string): MaillogBody | undefined {
  const version = (s: string) => {
    const v = s.indexOf('version ');
    if (v < 0) return undefined;
    const end = s.indexOf(',', v);
    return s.slice(v + 8, end < 0 ? undefined : end);
  };
  if (rest.startsWith('daemon started')) return { kind: 'master', action: 'started', version: version(rest) };
  if (rest.startsWith('reload')) return { kind: 'master', action: 'reload', version: version(rest) };
  if (rest.startsWith('terminating on signal ')) {
    const signal = Number(rest.slice(22));
    return Number.isInteger(signal) ? { kind: 'master', action: 'terminating', signal } : { kind: 'master', action: 'terminating' };
  }
  return undefined;
}

/** `addr 61.238.241.86 listed by domain psbl.surriel.com as 127.0.0.2`. */
export function parseDnsblog(rest: string): MaillogBody | undefined {
  if (!rest.startsWith('addr ')) return undefined;
  const lb = rest.indexOf(' listed by domain ');
  const as = rest.lastIndexOf(' as ');
  if (lb < 0 || as < lb) return undefined;
  return { kind: 'dnsbl-hit', ip: rest.slice(5, lb), domain: rest.slice(lb + 18, as), result: rest.slice(as + 4) };
}
