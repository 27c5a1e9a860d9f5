import { describe, expect, it } from 'vitest';
import { anythingOpen, openItems } from './report-open';

const NOW = Date.parse('2026-12-07T08:00:00Z');

describe('openItems', () => {
  it('lists the other suspects, the queued bounces, the sites refusing in the last day with their checklist, and unapplied fixes', () => {
    const o = openItems({
      username: 'Info@example.com',
      suspects: [
        { user: 'info@example.com', score: 95, queued: 209_719, forged: 209_000 },
        { user: 'ghost@example.com', score: 40, queued: 15_029, forged: 15_029 },
      ],
      bounces: 45_026,
      refusals: [
        { site: '127.0.0.1', reply: '554 5.7.1 blocked using zen.spamhaus.org', count: 900, provider: 'Spamhaus', blocked: true, last: NOW - 60_000 },
        { site: 'qq.com', reply: 'Mail content denied', count: 5, provider: 'QQ', blocked: false, last: NOW - 3 * 86_400_000 },
      ],
      findings: [
        { key: 'sender-login-mismatch', fix: 'sender-login-maps' },
        { key: 'tls', fix: undefined },
        { key: 'x', fix: 'sender-login-maps' },
      ],
      now: NOW,
    });
    expect(o.otherSuspects?.map((s) => s.user)).toEqual(['ghost@example.com']);
    expect(o.bounces).toEqual({ count: 45_026 });
    expect(o.refusing?.map((r) => r.site)).toEqual(['127.0.0.1']);
    expect(o.delisting).toEqual([{ id: 'spamhaus', sites: ['127.0.0.1'], sample: '554 5.7.1 blocked using zen.spamhaus.org' }]);
    expect(o.fixesMissing).toEqual(['sender-login-maps']);
    expect(anythingOpen(o)).toBe(true);
  });
  it('keeps unknown parts unknown (null), and nothing open when all is done', () => {
    const o = openItems({ username: 'a@b', suspects: [], bounces: 0, refusals: [], findings: null, now: NOW });
    expect(o.fixesMissing).toBeNull();
    expect(anythingOpen(o)).toBe(false);
    expect(openItems({ username: 'a@b', suspects: null, bounces: null, refusals: null, findings: null, now: NOW })).toMatchObject({
      otherSuspects: null,
      bounces: null,
      refusing: null,
    });
  });
});
