import { describe, expect, it } from 'vitest';
import { parseMaillogLine, type MaillogEvent } from '../maillog';

const Y = { year: 2026 };
const at = (tag: string, msg: string) => parseMaillogLine(`Dec  7 02:55:12 mx1 ${tag}: ${msg}`, Y);

function expectKind<K extends MaillogEvent['kind']>(ev: MaillogEvent, kind: K): Extract<MaillogEvent, { kind: K }> {
  expect(ev.kind).toBe(kind);
  return ev as Extract<MaillogEvent, { kind: K }>;
}

describe('postfwd rule lines (the sending-limit policy service)', () => {
  // As postfwd2 1.35 logged them on this machine (rate limit 3 per hour, the 4th message).
  const HIT =
    '[RULES] rule=1, id=mw-login-1-mh, queue=ABC4, client=unknown[127.0.0.66], user=info@example.com, sender=<x@yahoo.com>, recipient=<r4@qq.com>, helo=<>, proto=ESMTP, state=END-OF-MESSAGE, rate=rate/4/0.00s, delay=0.02s, hits=mw-login-1-mh, action=450 4.7.1 sending limit reached: messages per hour';
  const PASS =
    '[RULES] rule=2, id=mw-login-1-end, queue=ABC1, client=unknown[127.0.0.66], user=info@example.com, sender=<x@yahoo.com>, recipient=<r1@qq.com>, helo=<>, proto=ESMTP, state=END-OF-MESSAGE, delay=0.02s, hits=mw-login-1-mh;mw-login-1-end, action=DUNNO';

  it('reads a limit hit: rule, login, client, counter and the reply', () => {
    const ev = expectKind(at('postfwd2/policy[337]', HIT), 'policy-rule');
    expect(ev).toMatchObject({
      ruleId: 'mw-login-1-mh',
      queueId: 'ABC4',
      saslUsername: 'info@example.com',
      client: { name: 'unknown', ip: '127.0.0.66' },
      sender: 'x@yahoo.com',
      recipient: 'r4@qq.com',
      state: 'END-OF-MESSAGE',
      limitHit: true,
      rateType: 'rate',
      rateCount: 4,
      action: '450 4.7.1 sending limit reached: messages per hour',
    });
    expect(ev.syslogName).toBe('postfwd2');
  });

  it('reads a counted message that passed as no hit', () => {
    const ev = expectKind(at('postfwd2/policy[335]', PASS), 'policy-rule');
    expect(ev.limitHit).toBe(false);
    expect(ev.action).toBe('DUNNO');
    expect(ev.rateCount).toBeUndefined();
  });

  it('reads a recipients limit (rcpt) and the plain postfwd tag', () => {
    const line = HIT.replace('rate=rate/4/', 'rate=rcpt/51/').replace('messages per hour', 'recipients per day');
    const ev = expectKind(at('postfwd[99]', line), 'policy-rule');
    expect(ev).toMatchObject({ rateType: 'rcpt', rateCount: 51, limitHit: true });
  });

  it('leaves its start-up chatter unrecognised', () => {
    expect(at('postfwd2/policy[333]', 'ready for input').kind).toBe('unknown');
    expect(at('postfwd2/policy[335]', '[RULES] rule=1, id=x').kind).toBe('unknown');
  });
});

describe('tlsproxy', () => {
  it('reads CONNECT and DISCONNECT', () => {
    const c = expectKind(at('postfix/tlsproxy[4410]', 'CONNECT from [203.0.113.7]:50622'), 'tlsproxy');
    expect(c).toMatchObject({ action: 'connect', client: { ip: '203.0.113.7', port: 50622 } });
    const d = expectKind(at('postfix/tlsproxy[4410]', 'DISCONNECT [203.0.113.7]:50622'), 'tlsproxy');
    expect(d).toMatchObject({ action: 'disconnect', client: { ip: '203.0.113.7', port: 50622 } });
  });

  it('reads an anonymous TLS session as a TLS event from the client', () => {
    const ev = expectKind(
      at(
        'postfix/tlsproxy[4410]',
        'Anonymous TLS connection established from [203.0.113.7]:50622: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits)',
      ),
      'tls',
    );
    expect(ev).toMatchObject({
      direction: 'in',
      trust: 'Anonymous',
      peer: { ip: '203.0.113.7', port: 50622 },
      protocol: 'TLSv1.3',
      cipher: 'TLS_AES_256_GCM_SHA384',
      bits: '256/256',
    });
  });

  it('reads a failed handshake with its service', () => {
    const ev = expectKind(at('postfix/tlsproxy[4410]', 'TLS handshake failed for service=smtpd peer=[198.51.100.23]:61117'), 'tlsproxy');
    expect(ev).toMatchObject({ action: 'handshake-failed', tlsService: 'smtpd', client: { ip: '198.51.100.23', port: 61117 } });
  });
});

describe('cache cleanup and relay=none', () => {
  it('reads the postscreen and verify cache cleanup lines', () => {
    const p = expectKind(
      at('postfix/postscreen[880]', 'cache btree:/var/lib/postfix/postscreen_cache full cleanup: retained=1234 dropped=56 entries'),
      'cache-cleanup',
    );
    expect(p).toEqual(expect.objectContaining({ table: 'btree:/var/lib/postfix/postscreen_cache', retained: 1234, dropped: 56 }));
    const v = expectKind(at('postfix/verify[881]', 'cache btree:/var/lib/postfix/verify_cache full cleanup: retained=0 dropped=0 entries'), 'cache-cleanup');
    expect(v.retained).toBe(0);
  });

  it('still reads the other postscreen lines', () => {
    expect(at('postfix/postscreen[880]', 'CONNECT from [203.0.113.7]:50622 to [192.0.2.1]:25').kind).toBe('postscreen');
  });

  it('gives relay=none no relay host', () => {
    const ev = expectKind(
      at(
        'postfix/error[2210]',
        '2DC5552A34: to=<user@yahoo.com>, relay=none, delay=63495, delays=63350/144/0/0, dsn=4.4.2, status=deferred (delivery temporarily suspended: lost connection with mta7.am0.yahoodns.net[98.136.216.22] while sending RCPT TO)',
      ),
      'delivery',
    );
    expect(ev.relay).toBe('none');
    expect(ev.relayHost).toBeUndefined();
    expect(ev.reply.host).toBe('mta7.am0.yahoodns.net');
  });
});
