import { describe, expect, it } from 'vitest';
import { parseMaillogLine, parseMaillogMessage, type MaillogEvent } from '../maillog';

const Y = { year: 2026 };
const line = (msg: string, tag = 'postfix/smtpd[123]') => parseMaillogLine(`Nov 27 21:06:09 mx1 ${tag}: ${msg}`, Y);

function expectKind<K extends MaillogEvent['kind']>(ev: MaillogEvent, kind: K): Extract<MaillogEvent, { kind: K }> {
  expect(ev.kind).toBe(kind);
  return ev as Extract<MaillogEvent, { kind: K }>;
}

describe('time stamps', () => {
  it('reads classic syslog stamps with the given year', () => {
    const ev = parseMaillogLine('Oct 22 16:36:01 localhost postfix/qmgr[1]: 184F627BF64: removed', { year: 2012 });
    expect(new Date(ev.time!).toISOString()).toBe('2012-10-22T16:36:01.000Z');
    expect(ev.timeExact).toBe(false);
  });

  it("reads postlogd's zero-padded day and syslog's space-padded or bare one", () => {
    for (const stamp of ['Aug 03 15:30:49', 'Aug  3 15:30:49', 'Aug 3 15:30:49']) {
      const ev = parseMaillogLine(`${stamp} h postfix/qmgr[1]: 184F627BF64: removed`, { year: 2005 });
      expect(new Date(ev.time!).toISOString(), stamp).toBe('2005-08-03T15:30:49.000Z');
    }
  });

  it('applies the server UTC offset to classic stamps', () => {
    const ev = parseMaillogLine('Oct 22 16:36:01 h postfix/qmgr[1]: 184F627BF64: removed', { year: 2012, utcOffsetMinutes: 480 });
    expect(new Date(ev.time!).toISOString()).toBe('2012-10-22T08:36:01.000Z');
  });

  it('reads RFC 3339 stamps with fraction and offset (rsyslog, journalctl short-iso)', () => {
    const a = parseMaillogLine('2026-11-27T10:01:02.123456+08:00 mx postfix/qmgr[9]: 4Xq3Lh1Rj0zK4Y: removed');
    expect(new Date(a.time!).toISOString()).toBe('2026-11-27T02:01:02.123Z');
    expect(a.timeExact).toBe(true);
    const b = parseMaillogLine('2026-11-27T10:01:02+0800 mx postfix/qmgr[9]: 42263221CA: removed');
    expect(b.time).toBe(Date.UTC(2026, 10, 27, 2, 1, 2));
    const c = parseMaillogLine('2026-11-27T10:01:02Z mx postfix/qmgr[9]: 42263221CA: removed');
    expect(c.time).toBe(Date.UTC(2026, 10, 27, 10, 1, 2));
  });

  it('infers the year from "now": a date after now belongs to last year', () => {
    const now = Date.UTC(2026, 0, 5, 12);
    const dec = parseMaillogLine('Dec 31 23:59:59 h postfix/qmgr[1]: 42263221CA: removed', { now });
    const jan = parseMaillogLine('Jan  5 08:00:00 h postfix/qmgr[1]: 42263221CA: removed', { now });
    expect(new Date(dec.time!).getUTCFullYear()).toBe(2025);
    expect(new Date(jan.time!).getUTCFullYear()).toBe(2026);
  });

  it('turns an unreadable stamp into unknown with the raw text', () => {
    for (const raw of ['Foo 22 16:36:01 h postfix/qmgr[1]: x', 'Oct 32 16:36:01 h postfix/qmgr[1]: x', 'Oct 22 25:36:01 h p[1]: x', '', 'garbage']) {
      expect(parseMaillogLine(raw)).toEqual({ kind: 'unknown', reason: 'bad-header', raw });
    }
  });
});

describe('program names', () => {
  it.each([
    ['postfix/submission/smtpd', 'postfix/submission', 'smtpd'],
    ['postfix-out/smtp', 'postfix-out', 'smtp'],
    ['postfix/10025/smtpd', 'postfix/10025', 'smtpd'],
    ['postfix/smtps/smtpd', 'postfix/smtps', 'smtpd'],
    ['postfix/qmgr', 'postfix', 'qmgr'],
  ])('%s → %s + %s', (tag, syslogName, service) => {
    const ev = line('connect from unknown[192.0.2.7]', `${tag}[77]`);
    expect(ev).toMatchObject({ program: tag, syslogName, service, pid: 77, host: 'mx1' });
  });
});

describe('smtpd', () => {
  it('reads a SASL login with port, long queue id and sasl_sender', () => {
    const ev = expectKind(
      line('4Xq3Lh1Rj0zK4Y: client=unknown[68.167.29.196]:1464, sasl_method=LOGIN, sasl_username=info@example.com, sasl_sender=<boss@example.com>'),
      'sasl-login',
    );
    expect(ev).toMatchObject({
      queueId: '4Xq3Lh1Rj0zK4Y',
      client: { name: 'unknown', ip: '68.167.29.196', port: 1464 },
      saslMethod: 'LOGIN',
      saslUsername: 'info@example.com',
      saslSender: 'boss@example.com',
    });
  });

  it('tells a plain client line from a SASL login', () => {
    expect(line('1CF582025C: client=mail.example.net[2001:db8::25]')).toMatchObject({
      kind: 'client',
      client: { name: 'mail.example.net', ip: '2001:db8::25' },
    });
  });

  it('reads SASL failures with port, reason and the username Postfix 3 adds', () => {
    const ev = expectKind(
      line('warning: unknown[192.0.2.152]:55729: SASL LOGIN authentication failed: (reason unavailable), sasl_username=admin'),
      'sasl-failure',
    );
    expect(ev).toMatchObject({ client: { ip: '192.0.2.152', port: 55729 }, mechanism: 'LOGIN', reason: '(reason unavailable)', username: 'admin' });
    const bare = expectKind(line('warning: mail.example.com[98.191.84.74]: SASL Plain authentication failed:'), 'sasl-failure');
    expect(bare.reason).toBe('');
    expect(bare.username).toBeUndefined();
  });

  it('reads the per-command counters of disconnect', () => {
    const ev = expectKind(line('disconnect from unknown[192.0.2.2] ehlo=1 auth=0/1 rset=1 quit=1 commands=3/4'), 'disconnect');
    expect(ev.counters).toEqual({
      ehlo: { accepted: 1, total: 1 },
      auth: { accepted: 0, total: 1 },
      rset: { accepted: 1, total: 1 },
      quit: { accepted: 1, total: 1 },
      commands: { accepted: 3, total: 4 },
    });
  });

  it("reads the sender-login refusal of the seed's fix", () => {
    const ev = expectKind(
      line(
        'NOQUEUE: reject: RCPT from unknown[127.0.0.50]: 553 5.7.1 <test@yahoo.com>: Sender address rejected: not owned by user test1@example.com; from=<test@yahoo.com> to=<445335413@qq.com> proto=ESMTP helo=<aa@bb.com>',
      ),
      'reject',
    );
    expect(ev).toMatchObject({
      action: 'reject',
      stage: 'RCPT',
      client: { name: 'unknown', ip: '127.0.0.50' },
      code: 553,
      dsn: '5.7.1',
      target: 'test@yahoo.com',
      reason: 'Sender address rejected: not owned by user test1@example.com',
      from: 'test@yahoo.com',
      to: '445335413@qq.com',
      proto: 'ESMTP',
      helo: 'aa@bb.com',
    });
    expect(ev.queueId).toBeUndefined();
  });

  it('reads a check_sasl_access refusal and an unauthenticated relay attempt', () => {
    const sasl = expectKind(
      line(
        'NOQUEUE: reject: RCPT from unknown[127.0.0.51]: 554 5.7.1 <test1@example.com>: SASL login name rejected: sending disabled for this account; from=<test1@example.com> to=<x@qq.com> proto=ESMTP helo=<probe>',
      ),
      'reject',
    );
    expect(sasl).toMatchObject({ code: 554, target: 'test1@example.com', reason: 'SASL login name rejected: sending disabled for this account' });
    const relay = expectKind(
      line(
        'NOQUEUE: reject: RCPT from unknown[127.0.0.52]: 454 4.7.1 <445335413@qq.com>: Relay access denied; from=<aa@bb.com> to=<445335413@qq.com> proto=SMTP helo=<aa@bb.com>',
      ),
      'reject',
    );
    expect(relay).toMatchObject({ code: 454, dsn: '4.7.1', reason: 'Relay access denied', to: '445335413@qq.com' });
  });

  it('keeps the DNSBL zone of a blocklist refusal', () => {
    const ev = expectKind(
      line(
        'NOQUEUE: reject: RCPT from [27.157.200.233]:4984: 550 5.7.1 Service unavailable; client [27.157.200.233] blocked using zen.spamhaus.org; from=<a@qhhn.com>, to=<b@example.com>, proto=ESMTP, helo=<qhhn.com>',
        'postfix/postscreen[5]',
      ),
      'reject',
    );
    expect(ev).toMatchObject({ blockedUsing: 'zen.spamhaus.org', client: { ip: '27.157.200.233', port: 4984 }, from: 'a@qhhn.com', helo: 'qhhn.com' });
    expect(ev.client?.name).toBeUndefined();
  });

  it('reads lost connections with their stage', () => {
    expect(line('lost connection after DATA (7774180 bytes) from unknown[72.13.58.7]')).toMatchObject({
      kind: 'lost-connection',
      reason: 'lost connection',
      stage: 'DATA',
      client: { ip: '72.13.58.7' },
    });
  });
});

describe('queue manager, delivery agents and tools', () => {
  it('reads qmgr from/expired lines', () => {
    expect(line('184F627BF64: from=<lindawatts338@yahoo.com.hk>, size=2338, nrcpt=50 (queue active)', 'postfix/qmgr[1]')).toMatchObject({
      kind: 'qmgr-from',
      queueId: '184F627BF64',
      from: 'lindawatts338@yahoo.com.hk',
      size: 2338,
      nrcpt: 50,
    });
    expect(line('BACE842E73: from=<noreply@domain.com>, status=force-expired, returned to sender', 'postfix/qmgr[1]')).toMatchObject({
      kind: 'qmgr-expired',
      status: 'force-expired',
      from: 'noreply@domain.com',
    });
  });

  it('reads a sent delivery with orig_to and the local reply code', () => {
    const ev = expectKind(
      line(
        '0D9633D: to=<jos@example.com>, orig_to=<bestuur@example.com>, relay=mail1.example.net[10.74.103.11]:25, delay=11, delays=5.4/0.06/5.1/0.03, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as F12DF84004)',
        'postfix-out/smtp[4]',
      ),
      'delivery',
    );
    expect(ev).toMatchObject({
      to: 'jos@example.com',
      origTo: 'bestuur@example.com',
      relayHost: 'mail1.example.net',
      relayAddr: '10.74.103.11',
      relayPort: 25,
      delay: 11,
      dsn: '2.0.0',
      status: 'sent',
      reply: { via: 'other', code: 250, dsn: '2.0.0', text: '250 2.0.0 Ok: queued as F12DF84004' },
    });
  });

  it('reads postsuper per-message lines and the summary', () => {
    expect(line('D4F2023DB: placed on hold', 'postfix/postsuper[2]')).toMatchObject({ kind: 'postsuper', action: 'held', queueId: 'D4F2023DB' });
    expect(line('Deleted: 292551 messages', 'postfix/postsuper[2]')).toMatchObject({ kind: 'postsuper', action: 'removed', count: 292551 });
    expect(line('Requeued: 1 message', 'postfix/postsuper[2]')).toMatchObject({ kind: 'postsuper', action: 'requeued', count: 1 });
  });

  it('reads pickup, cleanup and bounce lines', () => {
    expect(line('D2FAE20586: uid=0 from=<fail2ban>', 'postfix/pickup[3]')).toMatchObject({ kind: 'pickup', uid: 0, from: 'fail2ban' });
    expect(line('4104E3D: message-id=<>', 'postfix/cleanup[3]')).toMatchObject({ kind: 'cleanup', messageId: '' });
    expect(line('482E4404AC8: postmaster non-delivery notification: 47335405A44', 'postfix/bounce[3]')).toMatchObject({
      kind: 'bounce-notification',
      newQueueId: '47335405A44',
      recipient: 'postmaster',
      notification: 'non-delivery',
    });
  });

  it('reads warnings with the queue id on either side, and fatal errors', () => {
    expect(line('warning: 9BECF3F19D: sender_canonical_maps map lookup problem', 'postfix/cleanup[1]')).toMatchObject({
      kind: 'warning',
      queueId: '9BECF3F19D',
      text: 'sender_canonical_maps map lookup problem',
    });
    expect(line("fatal: open logfile '/var/log/maillog': cannot open file: Permission denied", 'postfix/postsuper[1]')).toMatchObject({
      kind: 'fatal',
      text: "open logfile '/var/log/maillog': cannot open file: Permission denied",
    });
  });

  it('marks messages nobody parses as unknown but keeps the header', () => {
    const ev = line('table hash:/etc/postfix/virtual(0,lock|fold_fix) has changed -- restarting');
    expect(ev).toMatchObject({ kind: 'unknown', reason: 'unrecognised', service: 'smtpd', host: 'mx1' });
  });
});

describe('robustness', () => {
  it('never throws on mangled lines', () => {
    const parts = [
      'Nov 27 21:06:09 ',
      'mx ',
      'postfix/smtpd[1]: ',
      'NOQUEUE: ',
      'reject: ',
      'RCPT from ',
      'x[',
      ']:',
      '1.2.3.4',
      ': ',
      '<',
      '>',
      '; from=<',
      'to=',
      ', status=',
      '(',
      ')',
      'warning: ',
      '42263221CA: ',
      'client=',
      'SASL LOGIN authentication failed',
      ' after ',
      'host ',
      ' said: ',
      '\u0000',
      '\ud800',
      '=',
    ];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines: string[] = [];
    for (let i = 0; i < 20000; i++) {
      let s = '';
      const n = 1 + Math.floor(rnd() * 12);
      for (let j = 0; j < n; j++) s += parts[Math.floor(rnd() * parts.length)];
      lines.push(s);
    }
    expect(() => lines.forEach((s) => parseMaillogLine(s))).not.toThrow();
    // parseMaillogLine guards its message parsers; call them bare so a bug shows here.
    const services = ['smtpd', 'smtp', 'lmtp', 'qmgr', 'cleanup', 'pickup', 'bounce', 'postsuper', 'postscreen', 'master', 'dnsblog', 'local', 'x'];
    for (const service of services) {
      expect(() => lines.forEach((s) => parseMaillogMessage(service, s.slice(s.indexOf(': ') + 2)))).not.toThrow();
    }
  });
});
