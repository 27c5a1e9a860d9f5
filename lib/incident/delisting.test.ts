import { describe, expect, it } from 'vitest';
import { DELISTING, delistingChecklist, delistingFor } from './delisting';

describe('delisting checklist', () => {
  it('names the provider from the reply, the classifier and the site', () => {
    expect(
      delistingFor({ site: 'example.net', reply: '554 5.7.1 Client host [1.2.3.4] blocked using zen.spamhaus.org', provider: 'Spamhaus', blocked: true })?.id,
    ).toBe('spamhaus');
    expect(delistingFor({ site: 'qq.com', reply: '550 Mail content denied', provider: 'QQ', blocked: false })?.id).toBe('qq');
    expect(delistingFor({ site: '163.com', reply: '554 DT:SPM', provider: null, blocked: false })?.id).toBe('netease');
    expect(delistingFor({ site: 'outlook.com', reply: '550 5.7.1 (S3150)', provider: 'Microsoft', blocked: true })?.id).toBe('microsoft');
    expect(delistingFor({ site: 'gmail.com', reply: '421 4.7.28 unusual rate', provider: 'Gmail', blocked: false })?.id).toBe('gmail');
    expect(delistingFor({ site: 'yahoo.com', reply: '421 [TS03]', provider: 'Yahoo', blocked: true })?.id).toBe('yahoo');
    expect(delistingFor({ site: 'tiny.example', reply: '554 blocked by bl.spamcop.net', provider: 'SpamCop', blocked: true })?.id).toBe('rbl');
    expect(delistingFor({ site: 'tiny.example', reply: '450 4.2.0 mailbox busy', provider: null, blocked: false })).toBeNull();
  });
  it('gives one row per provider with its sites, and every entry says all four things in both languages', () => {
    const rows = delistingChecklist([
      { site: 'a.example', reply: 'blocked using zen.spamhaus.org', provider: 'Spamhaus', blocked: true },
      { site: 'b.example', reply: 'listed in sbl.spamhaus.org', provider: 'Spamhaus', blocked: true },
      { site: 'qq.com', reply: 'Mail content denied', provider: 'QQ', blocked: false },
    ]);
    expect(rows.map((r) => [r.entry.id, r.sites])).toEqual([
      ['spamhaus', ['a.example', 'b.example']],
      ['qq', ['qq.com']],
    ]);
    for (const d of DELISTING)
      for (const k of ['meaning', 'where', 'say', 'check'] as const) for (const l of ['en', 'zh'] as const) expect(d[k][l].length).toBeGreaterThan(10);
  });
});
