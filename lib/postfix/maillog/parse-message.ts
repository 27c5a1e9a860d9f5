// Dispatch one Postfix message (the text after `prog[pid]: `) to the parser
// of the daemon that wrote it. A cheap switch on the service name first, so
// each line meets only the few scanners that can match it.

import { parseDelivery, parseSmtpClient } from './delivery';
import { parsePostfwd } from './postfwd';
import { parsePostscreen } from './postscreen';
import { parseBounce, parseCleanup, parseDnsblog, parseMaster, parsePickup, parsePostsuper, parseQmgr } from './queue-events';
import { parseReject } from './reject';
import { parseSmtpd } from './smtpd';
import { parseCacheCleanup, parseTlsProxy } from './tlsproxy';
import { splitQueueId } from './tokens';
import type { LevelEvent, MaillogBody } from './types';

const LEVELS = ['warning', 'error', 'fatal', 'panic'] as const;

/** `warning: text`, `QUEUEID: warning: text`, `warning: QUEUEID: text`. */
function parseLevel(queueId: string | undefined, rest: string): LevelEvent | undefined {
  for (const kind of LEVELS) {
    if (rest.length > kind.length + 1 && rest.startsWith(kind) && rest[kind.length] === ':' && rest[kind.length + 1] === ' ') {
      let text = rest.slice(kind.length + 2);
      let qid = queueId;
      if (!qid) {
        const [inner, tail] = splitQueueId(text);
        if (inner) {
          qid = inner;
          text = tail;
        }
      }
      return qid ? { kind, queueId: qid, text } : { kind, text };
    }
  }
  return undefined;
}

function byService(service: string, queueId: string | undefined, rest: string): MaillogBody | undefined {
  switch (service) {
    case 'smtpd':
      return parseSmtpd(queueId, rest);
    case 'smtp':
    case 'lmtp':
      return parseSmtpClient(queueId, rest);
    case 'local':
    case 'virtual':
    case 'pipe':
    case 'error':
    case 'retry':
    case 'discard':
      return queueId ? parseDelivery(queueId, rest) : undefined;
    case 'qmgr':
    case 'nqmgr':
      return parseQmgr(queueId, rest);
    case 'cleanup':
      return parseCleanup(queueId, rest);
    case 'pickup':
      return parsePickup(queueId, rest);
    case 'bounce':
      return parseBounce(queueId, rest);
    case 'postsuper':
      return parsePostsuper(queueId, rest);
    case 'postscreen':
    case 'verify':
      return parseCacheCleanup(rest) ?? (service === 'postscreen' ? parsePostscreen(rest) : undefined);
    case 'tlsproxy':
      return parseTlsProxy(rest);
    // postfwd2/policy[pid] (Debian's postfwd 1.35) or postfwd[pid].
    case 'policy':
    case 'postfwd':
    case 'postfwd2':
      return parsePostfwd(rest);
    case 'master':
      return parseMaster(rest);
    case 'dnsblog':
      return parseDnsblog(rest);
    default:
      // Unfamiliar daemon names (custom pipe transports, renamed binaries): still catch deliveries.
      if (queueId && rest.startsWith('to=')) return parseDelivery(queueId, rest);
      if (queueId && rest.startsWith('milter-')) return parseReject(queueId, rest);
      return undefined;
  }
}

/**
 * Parse a message as written by `service` (the daemon name: smtpd, smtp, qmgr, ...).
 * Returns undefined for messages no parser knows; never throws.
 */
export function parseMaillogMessage(service: string, message: string): MaillogBody | undefined {
  const [queueId, rest] = splitQueueId(message);
  const body = byService(service, queueId, rest);
  if (body) return body;
  if (rest.startsWith('statistics: ')) return { kind: 'statistics', text: rest.slice(12) };
  return parseLevel(queueId, rest);
}
