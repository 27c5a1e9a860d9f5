import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyRemoteReply, firstLink, registrableDomain, remoteSiteOf } from './blocklist';
import { parseMaillogLine, type Delivery, type MaillogEvent } from './maillog';

const SHARED = path.resolve(__dirname, '../../../shared');
const seed = readFileSync(path.join(SHARED, 'seed/postfix-spam-incident.zh.txt'), 'utf8').split('\n');
// Lines 130-290 hold the log excerpts and the mailq output of the incident.
const excerpt = seed.slice(129, 290).map((l) => l.trim());
const deliveries = excerpt
  .map((l) => parseMaillogLine(l, { year: 2012 }))
  .filter((e): e is Extract<MaillogEvent, { kind: 'delivery' }> => e.kind === 'delivery');
const byRcpt = (to: string) => {
  const d = deliveries.find((e) => e.to === to);
  if (!d) throw new Error(`no delivery to ${to}`);
  return d;
};

describe('the seed incident replies', () => {
  it('has the five refusals quoted in the report', () => {
    expect(deliveries.map((d) => d.to).sort()).toEqual([
      '445335413@qq.com',
      'altoact@verizon.net',
      'andrew.rawson@honeywell.com',
      'bhaitov@yahoo.com',
      'blantonlarry@bellsouth.net',
    ]);
  });

  it.each([
    ['altoact@verizon.net', { blocked: true, kind: 'blocklist', provider: 'Verizon', link: 'http://www.verizon.net/whitelist' }, 'verizon.net'],
    [
      'bhaitov@yahoo.com',
      { blocked: true, kind: 'blocklist', provider: 'Yahoo', code: 'TS03', link: 'http://postmaster.yahoo.com/421-ts03.html' },
      'yahoodns.net',
    ],
    ['blantonlarry@bellsouth.net', { blocked: true, kind: 'blocklist', provider: 'AT&T', listName: 'rblmx', link: 'http://att.net/blocks' }, 'att.net'],
    [
      '445335413@qq.com',
      { blocked: true, kind: 'content', provider: 'QQ', link: 'http://service.mail.qq.com/cgi-bin/help?subtype=1&&id=20022&&no=1000726' },
      'qq.com',
    ],
    // `refused to talk to me: 554 <hostname>`: no words, but a 5xx banner refusal is a block.
    ['andrew.rawson@honeywell.com', { blocked: true, kind: 'blocklist', code: '554' }, 'honeywell.com'],
  ])('%s', (to, want, site) => {
    const d = byRcpt(to);
    expect(classifyRemoteReply(d.reply)).toMatchObject(want);
    expect(classifyRemoteReply(d.detail)).toMatchObject(want);
    expect(remoteSiteOf(d)).toBe(site);
  });

  it("recognises Cox's IPBL code in the mailq reason", () => {
    const reason = excerpt.find((l) => l.startsWith('(delivery temporarily suspended: host mx.west.cox.net'));
    expect(reason).toBeDefined();
    expect(classifyRemoteReply(reason!.slice(1, -1))).toEqual({
      blocked: true,
      kind: 'blocklist',
      provider: 'Cox',
      code: 'IPBL0100',
      link: 'http://postmaster.cox.net/confluence/display/postmaster/Error&#43;Codes',
    });
  });
});

describe('other real replies', () => {
  const kumina = readFileSync(path.join(SHARED, 'corpora/maillog/kumina-postfix_exporter-postfix_exporter_test.extracted.log'), 'utf8')
    .split('\n')
    .map((l) => parseMaillogLine(l, { year: 2017 }));

  it("reads NetEase's DT:SPM in deferrals and bounces", () => {
    const spm = kumina.filter((e): e is Delivery & MaillogEvent => e.kind === 'delivery' && e.detail.includes('DT:SPM'));
    expect(spm.map((d) => d.status)).toEqual(['deferred', 'bounced']);
    for (const d of spm) expect(classifyRemoteReply(d.reply)).toMatchObject({ blocked: true, kind: 'content', provider: 'NetEase', code: 'DT:SPM' });
    expect(classifyRemoteReply(spm[1]!.reply).link).toBe('http://mail.domain.com/help/help_spam.htm?ip=');
  });

  it('reads the DNSBL zone and link of inbound refusals (fail2ban rbl log)', () => {
    const lines = readFileSync(path.join(SHARED, 'corpora/maillog/fail2ban-postfix-rbl.log'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines).toHaveLength(3);
    for (const l of lines) {
      const ev = parseMaillogLine(l, { year: 2005 });
      if (ev.kind !== 'reject') throw new Error(`not a reject: ${l}`);
      const c = classifyRemoteReply(ev.reason);
      expect(c).toMatchObject({ blocked: true, kind: 'blocklist', listName: 'rbl.example.com' });
      expect(c.link).toMatch(/^https?:\/\/www\.example\.com\/query/);
    }
  });

  it("reads Gmail's rate limit and unsolicited-mail blocks, and Spamhaus zones (whyscream cases)", () => {
    const cases = readFileSync(path.join(SHARED, 'corpora/maillog/whyscream-postfix-grok-patterns.messages.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { file: string; message: string });
    const msg = (name: string) => cases.find((c) => c.file.endsWith(name))!.message;
    expect(classifyRemoteReply(msg('smtp_0023.yaml'))).toMatchObject({
      blocked: true,
      kind: 'rate-limit',
      provider: 'Gmail',
      code: '4.7.0',
      link: 'https://support.google.com/mail/answer/81126',
    });
    expect(classifyRemoteReply(msg('smtp_0018.yaml'))).toMatchObject({ blocked: true, kind: 'content', provider: 'Gmail', code: '5.7.1' });
    expect(classifyRemoteReply(msg('postscreen_0028.yaml'))).toMatchObject({ blocked: true, provider: 'Spamhaus', listName: 'zen.spamhaus.org' });
    expect(classifyRemoteReply(msg('smtpd_0009.yaml'))).toMatchObject({
      provider: 'Spamhaus',
      listName: 'dbl.spamhaus.org',
      link: 'http://www.spamhaus.org/query/dbl?domain=zihan-promo.com',
    });
    // Greylisting and unknown users are not blocks.
    expect(classifyRemoteReply(msg('smtp_0020.yaml'))).toMatchObject({ blocked: false, kind: 'other' });
    expect(classifyRemoteReply(msg('smtpd_0004.yaml'))).toMatchObject({ blocked: false, kind: 'user-unknown' });
    expect(classifyRemoteReply(msg('smtp_0034.yaml'))).toMatchObject({ blocked: false });
  });
});

describe('provider wording', () => {
  it.each([
    [
      '550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list please visit https://sender.office.com/',
      'Microsoft',
      '5.7.606',
      'blocklist',
    ],
    [
      "550 SC-001 (BAY0-MC1-F1) Unfortunately, messages from 192.0.2.1 weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140).",
      'Microsoft',
      'S3140',
      'blocklist',
    ],
    ['421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints', 'Yahoo', 'TSS04', 'rate-limit'],
    ['554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org', 'Barracuda', '5.7.1', 'blocklist'],
    ['550 5.7.1 Rejected - see http://www.sorbs.net/lookup.shtml?192.0.2.1', 'SORBS', '5.7.1', 'blocklist'],
    ['554 5.7.1 Blocked - see http://www.spamcop.net/bl.shtml?192.0.2.1', 'SpamCop', '5.7.1', 'blocklist'],
  ])('%s', (text, provider, code, kind) => {
    expect(classifyRemoteReply(text)).toMatchObject({ blocked: true, provider, code, kind });
  });

  it('leaves ordinary failures unblocked', () => {
    expect(classifyRemoteReply('Connection refused')).toEqual({ blocked: false, kind: 'other' });
    expect(classifyRemoteReply('host mx.example.com[192.0.2.9] refused to talk to me: 421 4.3.2 Service shutting down')).toMatchObject({ blocked: false });
    expect(
      classifyRemoteReply(
        'host mx.example.com[192.0.2.9] said: 550 5.1.1 <x@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)',
      ),
    ).toMatchObject({ blocked: false, kind: 'user-unknown', code: '5.1.1' });
  });
});

describe('helpers', () => {
  it('cuts trailing punctuation off links', () => {
    expect(firstLink('see http://att.net/blocks.')).toBe('http://att.net/blocks');
    expect(firstLink('(see https://x.example/a?b=c);')).toBe('https://x.example/a?b=c');
    expect(firstLink('no link')).toBeUndefined();
  });

  it('keeps country second-level suffixes and IPs whole', () => {
    expect(registrableDomain('gmail-smtp-in.l.google.com')).toBe('google.com');
    expect(registrableDomain('mx1.example.co.uk')).toBe('example.co.uk');
    expect(registrableDomain('mx.example.com.cn.')).toBe('example.com.cn');
    expect(registrableDomain('2001:db8::1')).toBe('2001:db8::1');
  });

  it('falls back to the recipient domain when no host answered', () => {
    const ev = parseMaillogLine(
      'Nov 27 10:00:00 mx postfix/smtp[1]: 42263221CA: to=<a@nx.example>, relay=none, delay=1, delays=0/0/1/0, dsn=4.4.3, status=deferred (Host or domain name not found. Name service error for name=nx.example type=MX: Host not found, try again)',
      { year: 2026 },
    );
    if (ev.kind !== 'delivery') throw new Error(ev.kind);
    expect(remoteSiteOf(ev)).toBe('nx.example');
    const smarthost = parseMaillogLine(
      'Nov 27 10:00:00 mx postfix/smtp[1]: 42263221CB: to=<a@qq.com>, relay=127.0.0.1[127.0.0.1]:2526, delay=1, delays=0/0/1/0, dsn=4.7.1, status=deferred (host 127.0.0.1[127.0.0.1] refused to talk to me: 554 5.7.1 blocked)',
      { year: 2026 },
    );
    if (smarthost.kind !== 'delivery') throw new Error(smarthost.kind);
    expect(remoteSiteOf(smarthost)).toBe('127.0.0.1');
    expect(classifyRemoteReply(smarthost.reply)).toMatchObject({ blocked: true, kind: 'blocklist', code: '5.7.1' });
  });
});
