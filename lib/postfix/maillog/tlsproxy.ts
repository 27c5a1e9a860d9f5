// tlsproxy(8), which postscreen hands TLS sessions to:
// `CONNECT from [ip]:port`, `DISCONNECT [ip]:port`,
// `Anonymous TLS connection established from [ip]:port: TLSv1.3 with cipher ...`,
// `TLS handshake failed for service=smtpd peer=[ip]:port`.
// And the cache cleanup line postscreen(8) and verify(8) write:
// `cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=12 dropped=3 entries`.

import { parseTls } from './delivery';
import { parsePeerAt } from './tokens';
import type { CacheCleanup, MaillogBody, TlsProxyEvent } from './types';

const HANDSHAKE = 'TLS handshake failed for service=';

function peerEvent(action: TlsProxyEvent['action'], rest: string, at: number, service?: string): TlsProxyEvent | undefined {
  const p = parsePeerAt(rest, at);
  if (!p) return undefined;
  const ev: TlsProxyEvent = { kind: 'tlsproxy', action, client: p.peer };
  if (service) ev.tlsService = service;
  return ev;
}

export function parseTlsProxy(rest: string): MaillogBody | undefined {
  if (rest.startsWith('CONNECT from ')) return peerEvent('connect', rest, 13);
  if (rest.startsWith('DISCONNECT ')) return peerEvent('disconnect', rest, 11);
  if (rest.startsWith(HANDSHAKE)) {
    const sp = rest.indexOf(' peer=', HANDSHAKE.length);
    if (sp < 0) return undefined;
    return peerEvent('handshake-failed', rest, sp + 6, rest.slice(HANDSHAKE.length, sp));
  }
  return parseTls(rest);
}

/** `cache TYPE:PATH full cleanup: retained=N dropped=M entries`; undefined for other lines. */
export function parseCacheCleanup(rest: string): CacheCleanup | undefined {
  if (!rest.startsWith('cache ')) return undefined;
  const m = /^cache (\S+) full cleanup: retained=(\d+) dropped=(\d+) entries$/.exec(rest);
  if (!m) return undefined;
  return { kind: 'cache-cleanup', table: m[1]!, retained: Number(m[2]), dropped: Number(m[3]) };
}
