import { describe, expect, it } from 'vitest';
import { translator } from '@/lib/i18n/translate';
import { buildReport, INCIDENT_ACTIONS } from './report';
import { openItems } from './report-open';
import { delistingRows, numberRows, openLines, reportMarkdown } from './report-text';

const NOW = Date.parse('2026-12-07T08:00:00Z');
const rows = [
  {
    id: '1',
    at: '2026-12-07T07:00:00.000Z',
    actor: 'root@extmail.org',
    action: INCIDENT_ACTIONS.block,
    ok: true,
    error: null,
    params: {},
    result: { enforced: false },
  },
  {
    id: '2',
    at: '2026-12-07T07:01:00.000Z',
    actor: 'root@extmail.org',
    action: INCIDENT_ACTIONS.hold,
    ok: true,
    error: null,
    params: {},
    result: { acted: 209_719 },
  },
];
const open = openItems({
  username: 'info@example.com',
  suspects: [{ user: 'ghost@example.com', score: 40, queued: 15_029, forged: 15_029 }],
  bounces: 45_026,
  refusals: [
    {
      site: '127.0.0.1',
      reply: '554 5.7.1 Client host [127.0.0.1] blocked using zen.spamhaus.org',
      count: 1_234,
      provider: 'Spamhaus',
      blocked: true,
      last: NOW,
    },
  ],
  findings: [{ key: 'sender-login-mismatch', fix: 'sender-login-maps' }],
  now: NOW,
});
const report = buildReport({ host: 'lab', username: 'info@example.com', rows, log: null, score: 90, reasons: [], now: new Date(NOW), open });

describe('report words', () => {
  it('formats numbers for the locale and never shows a raw boolean', () => {
    const en = reportMarkdown(translator('en'), report, 'en');
    expect(en).toContain('209,719');
    expect(en).not.toMatch(/209719|\bfalse\b|\btrue\b/);
    expect(numberRows(translator('en'), report, 'en').find(([k]) => k === 'Sending blocked')?.[1]).toBe('yes (enforced: no)');
    const zh = reportMarkdown(translator('zh'), report, 'zh');
    expect(zh).toContain('209,719');
    expect(zh).not.toMatch(/\bfalse\b/);
  });
  it('lists every open item with its numbers and a delisting entry for Spamhaus in both languages', () => {
    const lines = openLines(translator('en'), report, 'en');
    expect(lines.map((l) => l.id)).toEqual(['suspects', 'bounces', 'refusing', 'fixes']);
    expect(lines.find((l) => l.id === 'bounces')?.text).toContain('45,026 null-sender bounces');
    expect(lines.find((l) => l.id === 'suspects')?.text).toContain('ghost@example.com');
    expect(delistingRows(report, 'en')[0]).toMatchObject({ id: 'spamhaus', sites: ['127.0.0.1'] });
    expect(delistingRows(report, 'zh')[0]?.where).toContain('check.spamhaus.org');
    expect(reportMarkdown(translator('zh'), report, 'zh')).toContain('解除黑名单清单');
  });
});
