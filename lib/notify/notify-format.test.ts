import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { AlertView } from '@/lib/watch/alert-view';
import { buildPayload, renderPayload } from '@/lib/watch/alert-notice';
import { nextRetryDelay } from './backoff';
import { maskUrl, mergeConfig, publicConfig } from './channel-schema';
import { buildEmail } from './email-message';
import { dingtalkBody, dingtalkSignedUrl, robotError, wecomBody } from './robots';
import { webhookSignature } from './send';
import { severityReaches } from './severity';

const alert: AlertView = {
  id: '42',
  host: 'lab',
  rule: 'sasl-volume',
  key: 'info@example.com',
  domain: 'example.com',
  severity: 'critical',
  state: 'open',
  mutedUntil: null,
  muted: false,
  firstAt: '2026-01-05T10:00:00.000Z',
  lastAt: '2026-01-05T10:05:00.000Z',
  resolvedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  count: 3,
  summary: 'info@example.com submitted 190 messages…',
  details: {
    vars: { user: 'info@example.com', messages: 190, recipients: 2400, ipCount: 6, ips: '127.0.0.66 (150)' },
    reasons: [{ id: 'messages', vars: { limit: 100 } }],
  },
  link: '/queue?host=lab&saslUser=info%40example.com',
  containment: null,
};

describe('webhook payload', () => {
  it('has the documented shape with an absolute link', () => {
    const p = buildPayload('alert.opened', alert, 'https://console.example.com');
    expect(Object.keys(p)).toEqual(['event', 'alert', 'console']);
    expect(Object.keys(p.alert)).toEqual(['id', 'host', 'rule', 'key', 'severity', 'summary', 'details', 'link', 'firstAt', 'lastAt', 'count']);
    expect(p.alert.link).toBe('https://console.example.com/queue?host=lab&saslUser=info%40example.com');
  });

  it('is signed with HMAC-SHA256 of the body when a secret is set', () => {
    expect(webhookSignature('s3cret', '{"a":1}')).toBe(`sha256=${createHmac('sha256', 's3cret').update('{"a":1}').digest('hex')}`);
  });
});

describe('robots', () => {
  const r = renderPayload(buildPayload('alert.opened', alert, 'https://c.test'), 'zh');

  it('render markdown in the channel language', () => {
    expect(r.title).toBe('[严重] lab: SASL 用户发信量异常 — 新告警');
    const d = dingtalkBody(r) as { msgtype: string; markdown: { title: string; text: string } };
    expect(d.msgtype).toBe('markdown');
    expect(d.markdown.text).toContain('info@example.com');
    expect(d.markdown.text).toContain('(https://c.test/queue?host=lab&saslUser=info%40example.com)');
    expect((wecomBody(r) as { markdown: { content: string } }).markdown.content).toBe(d.markdown.text);
  });

  it('sign DingTalk requests with timestamp and base64 HMAC of "timestamp\\nsecret"', () => {
    const u = new URL(dingtalkSignedUrl('https://oapi.dingtalk.com/robot/send?access_token=T', 'SECabc', 1700000000000));
    expect(u.searchParams.get('access_token')).toBe('T');
    expect(u.searchParams.get('timestamp')).toBe('1700000000000');
    expect(u.searchParams.get('sign')).toBe(createHmac('sha256', 'SECabc').update('1700000000000\nSECabc').digest('base64'));
    expect(dingtalkSignedUrl('https://x.test/?access_token=T', undefined)).toBe('https://x.test/?access_token=T');
  });

  it('count as failed unless errcode is 0', () => {
    expect(robotError(200, '{"errcode":0,"errmsg":"ok"}')).toBeNull();
    expect(robotError(200, '{"errcode":310000,"errmsg":"sign not match"}')).toBe('errcode 310000: sign not match');
    expect(robotError(502, '')).toBe('HTTP 502');
  });
});

describe('e-mail', () => {
  const header = (msg: string, name: string) =>
    /^([^\r\n]*(?:\r\n[ \t][^\r\n]*)*)/m.exec(msg.slice(msg.search(new RegExp(`^${name}:`, 'm'))))![1]!.replace(/^[^:]+: /, '');

  it('encodes a Chinese subject and body so they survive any relay', async () => {
    expect(header(await buildEmail({ from: 'a@corp.test', to: ['b@corp.test'], subject: '告警', text: 'x' }), 'Subject')).toBe(
      `=?UTF-8?B?${Buffer.from('告警').toString('base64')}?=`,
    );
    const injected = await buildEmail({ from: 'a@corp.test', to: ['b@corp.test'], subject: 'plain\r\nBcc: x@y', text: 'x' });
    expect(header(injected, 'Subject')).toBe('plain Bcc: x@y');
    expect(injected).not.toMatch(/^Bcc:/m);
    const msg = await buildEmail({ from: 'a@corp.test', to: ['b@corp.test'], subject: '[Mailwarden] 告警', text: '第一行\n.second', date: new Date(0) });
    const [head, body] = msg.split('\r\n\r\n');
    expect(head).toContain('Content-Transfer-Encoding: base64');
    expect(Buffer.from(body!.replace(/\r\n/g, ''), 'base64').toString('utf8')).toBe('第一行\r\n.second');
    const long = await buildEmail({ from: 'a@corp.test', to: ['b@corp.test'], subject: 'x', text: 'x'.repeat(200) });
    expect(
      long
        .split('\r\n\r\n')[1]!
        .trimEnd()
        .split('\r\n')
        .every((l) => l.length <= 76),
    ).toBe(true);
  });

  it('folds a long non-ASCII subject into encoded words of at most 75 characters', async () => {
    const subject = `[Mailwarden] [严重] lab: SASL 用户发信量异常 — 新告警 ${'发信量异常'.repeat(8)}`;
    const msg = await buildEmail({ from: 'a@corp.test', to: ['b@corp.test'], subject, text: 'x' });
    const value = header(msg, 'Subject');
    const words = value.split(/\s+/).filter((w) => w.startsWith('=?'));
    expect(words.length).toBeGreaterThan(1);
    expect(words.every((w) => w.length <= 75)).toBe(true);
    const decoded = words.map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/i.exec(w)![1]!, 'base64').toString('utf8')).join('');
    expect(decoded).toBe(subject);
  });
});

describe('channels', () => {
  it('mask URL tokens and never show the password', () => {
    expect(maskUrl('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe('https://oapi.dingtalk.com/robot/…?…');
    expect(maskUrl('http://127.0.0.1:4000/hook')).toBe('http://127.0.0.1:4000/hook');
    const pub = publicConfig({
      type: 'email',
      config: {
        host: 'smtp.corp.test',
        port: 587,
        security: 'starttls',
        allowInvalidCertificate: false,
        username: 'u',
        password: 'pw',
        from: 'a@corp.test',
        to: ['b@corp.test'],
      },
    });
    expect(JSON.stringify(pub)).not.toContain('pw');
    expect(pub.hasPassword).toBe(true);
  });

  it('keep stored secrets when an update leaves them blank', () => {
    const merged = mergeConfig('webhook', { url: 'https://h.test/x/token', secret: 'keep' }, { url: 'https://h.test/x/…', secret: '' });
    expect(merged).toEqual({ url: 'https://h.test/x/token', secret: 'keep' });
    expect(mergeConfig('webhook', { url: 'https://h.test/a' }, { url: 'https://h.test/b', secret: 'new' })).toEqual({ url: 'https://h.test/b', secret: 'new' });
    expect(() => mergeConfig('webhook', { url: 'https://h.test/a' }, { url: 'ftp://x' })).toThrow();
  });
});

describe('retries', () => {
  it('back off exponentially and give up after the last attempt', () => {
    expect([1, 2, 3, 7].map(nextRetryDelay)).toEqual([30_000, 60_000, 120_000, 1_920_000]);
    expect(nextRetryDelay(8)).toBeNull();
  });

  it('reach a channel from its minimum severity up', () => {
    expect(severityReaches('critical', 'warning')).toBe(true);
    expect(severityReaches('info', 'warning')).toBe(false);
  });
});
