import { describe, expect, it } from 'vitest';
import { translator } from '@/lib/i18n/translate';
import type { LogUserEvidence } from './log-evidence';
import { buildReport, sinceLastClose, type AuditLike } from './report';
import { reportMarkdown, timelineText } from './report-text';

const T0 = Date.parse('2026-11-27T21:16:29Z');
const log: LogUserEvidence = {
  user: 'info@example.com',
  logins: 190,
  ips: [
    { ip: '127.0.0.66', logins: 150, first: T0, last: T0 + 300_000, isNew: false },
    { ip: '127.0.1.13', logins: 8, first: T0 - 5000, last: T0 + 200_000, isNew: false },
  ],
  newIps: 0,
  firstLogin: T0 - 5000,
  burstStart: T0 - 5000,
  priorLogins: 0,
  recent: { messages: 190, recipients: 2850, forged: 190, hours: 24 },
  baseline: null,
  coverageBeforeBurstMs: 0,
  failures: 8,
  bruteThenLogin: null,
  firstForged: { time: T0 - 5000, from: 'kevinchee301@aol.com', ip: '127.0.1.13', queueId: '788BE16E492' },
};

let id = 0;
const row = (at: string, action: string, result: unknown, extra: Partial<AuditLike> = {}): AuditLike => ({
  id: String(++id),
  at,
  actor: 'root@extmail.org',
  action,
  ok: true,
  error: null,
  params: { incident: 'info@example.com' },
  result,
  ...extra,
});

const rows: AuditLike[] = [
  row('2026-11-27T22:00:01.000Z', 'mailbox.sending.block', { enforced: false }),
  row('2026-11-27T22:00:02.000Z', 'mailbox.password.reset', { clearpwdErased: false }),
  row('2026-11-27T22:00:05.000Z', 'queue.hold', { acted: 190, requested: 190 }),
  row('2026-11-27T22:01:00.000Z', 'queue.delete', { acted: 185 }),
  row('2026-11-27T22:01:30.000Z', 'incident.backscatter.quarantine', { moved: 40, folder: '.Quarantine.Mailwarden-20261127T220130Z' }),
  row(
    '2026-11-27T22:03:00.000Z',
    'hardening.apply',
    { backupId: '20261127T220300Z' },
    { params: { incident: 'info@example.com', fixes: ['sender-login-maps', 'sasl-access'] } },
  ),
  row('2026-11-27T22:04:00.000Z', 'probes.run', { results: [{ ok: false }, { ok: true }] }, { ok: false }),
  row('2026-11-27T22:05:00.000Z', 'probes.run', { enforced: true, results: [{ ok: true }, { ok: true }, { ok: true }] }),
  row('2026-11-27T22:06:00.000Z', 'queue.hold', { acted: 3 }, { ok: false, error: 'postsuper failed' }),
];

describe('buildReport', () => {
  const report = buildReport({ host: 'lab', username: 'info@example.com', rows, log, score: 80, reasons: [], now: new Date('2026-11-27T22:10:00Z') });

  it('adds up what was done, counting only what worked', () => {
    expect(report.numbers).toEqual({
      held: 190,
      released: 0,
      deleted: 185,
      quarantined: 40,
      restored: 0,
      accountsReset: 1,
      blocked: true,
      blockEnforced: 'true',
      backupIds: ['20261127T220300Z'],
      fixes: ['sender-login-maps', 'sasl-access'],
      probesPassed: 3,
      probesTotal: 3,
      queueGrowing: null,
    });
  });

  it('starts the timeline at the log’s first forged submission and the attacker’s first login', () => {
    expect(report.timeline[0]).toMatchObject({ kind: 'first-login', vars: { ip: '127.0.1.13' } });
    expect(report.timeline.find((e) => e.kind === 'first-forged')).toMatchObject({ vars: { from: 'kevinchee301@aol.com', queueId: '788BE16E492' } });
    expect(report.timeline.find((e) => e.kind === 'attacker-first-login')).toMatchObject({ vars: { ip: '127.0.0.66', logins: 150 } });
    const at = report.timeline.map((e) => e.at);
    expect([...at].sort()).toEqual(at);
    expect(report.timeline.filter((e) => e.kind === 'action')).toHaveLength(rows.length);
  });

  it('says each step in words, and marks what failed', () => {
    const t = translator('en');
    const texts = report.timeline.map((e) => timelineText(t, e, report.username));
    expect(texts).toContain('Held spam deleted: 185 messages');
    expect(texts).toContain('Hardening applied (sender-login-maps, sasl-access); main.cf backup 20261127T220300Z');
    expect(texts.at(-1)).toBe('Queued mail put on hold: 3 messages — FAILED');
    expect(texts.every((x) => !x.includes('{'))).toBe(true);
  });

  it('renders Markdown with the numbers table and one timeline row per event', () => {
    const md = reportMarkdown(translator('en'), report);
    expect(md).toMatch(/^# Incident report: info@example.com on lab/);
    expect(md).toContain('| Messages deleted | 185 |');
    expect(md).toContain('| Backscatter quarantined | 40 |');
    expect(md).toContain('| Probes passed | 3 / 3 |');
    expect(md).toContain('| Sending blocked | yes (enforced: yes) |');
    expect(md.split('\n').filter((l) => /^\| 2026-11-27 /.test(l))).toHaveLength(report.timeline.length);
    const zh = reportMarkdown(translator('zh'), report);
    expect(zh).toContain('# 事件报告');
  });
});

describe('sinceLastClose', () => {
  it('starts the incident after the last unblock of the login', () => {
    const r = (action: string, ok = true): AuditLike => ({
      id: String(++id),
      at: '2026-11-27T22:00:00Z',
      actor: 'a',
      action,
      ok,
      error: null,
      params: {},
      result: {},
    });
    const rows = [r('queue.hold'), r('mailbox.sending.unblock'), r('mailbox.sending.block'), r('mailbox.sending.unblock', false), r('queue.delete')];
    expect(sinceLastClose(rows).map((x) => x.action)).toEqual(['mailbox.sending.block', 'mailbox.sending.unblock', 'queue.delete']);
    expect(sinceLastClose(rows.slice(2))).toHaveLength(3);
  });
});
