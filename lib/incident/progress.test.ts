import { describe, expect, it } from 'vitest';
import { currentRecord, progressOf, rowsOfIncident, spanOf, type RecordSpan } from './progress';
import { translator } from '@/lib/i18n/translate';
import { buildReport, INCIDENT_ACTIONS, type AuditLike } from './report';
import { numberRows, reportMarkdown } from './report-text';

// One derivation of an incident's progress, read by the incident page, the
// /incidents list and the report: the page's incident and the list's open
// record get the same rows, so the same answer.

let seq = 0;
const row = (action: string, at: string, ok = true, params: unknown = { incident: 'info@example.com' }): AuditLike => ({
  id: String(++seq),
  at,
  actor: 'root@extmail.org',
  action,
  ok,
  error: null,
  params,
  result: null,
});

const contained = (day: string) => [
  row(INCIDENT_ACTIONS.block, `${day}T10:00:00.000Z`),
  row(INCIDENT_ACTIONS.reset, `${day}T10:00:01.000Z`),
  row(INCIDENT_ACTIONS.hold, `${day}T10:00:30.000Z`),
];

/** What the incident page shows, and what the /incidents list shows for each record. */
const pageProgress = (rows: AuditLike[], records: (RecordSpan & { state: string })[]) => progressOf(rowsOfIncident(rows, records, currentRecord(records)));
const listProgress = (rows: AuditLike[], records: RecordSpan[], r: RecordSpan) => progressOf(rowsOfIncident(rows, records, r));

describe('progressOf', () => {
  it('contained takes block, hold and reset; a login with no mailbox row needs no reset', () => {
    expect(progressOf(contained('2026-12-01')).contained).toBe(true);
    expect(progressOf(contained('2026-12-01').filter((r) => r.action !== INCIDENT_ACTIONS.reset)).contained).toBe(false);
    const nobox = [
      row(INCIDENT_ACTIONS.block, '2026-12-01T10:00:00.000Z', true, { incident: 'x', mailbox: false }),
      row(INCIDENT_ACTIONS.hold, '2026-12-01T10:00:01.000Z'),
    ];
    expect(progressOf(nobox).contained).toBe(true);
  });

  it('a failed probe run is not verified', () => {
    expect(progressOf([row(INCIDENT_ACTIONS.probes, '2026-12-01T11:00:00.000Z', false)]).verified).toBe(false);
    expect(progressOf([row(INCIDENT_ACTIONS.probes, '2026-12-01T11:00:00.000Z')]).verified).toBe(true);
  });
});

describe('the incident page and the /incidents list agree', () => {
  const first = contained('2026-12-01').concat(
    row(INCIDENT_ACTIONS.delete, '2026-12-01T10:05:00.000Z'),
    row(INCIDENT_ACTIONS.probes, '2026-12-01T10:09:00.000Z'),
  );
  const second = contained('2026-12-03');

  it('a closed record ends its incident: the next one starts at step 1 on the page, the closed record keeps its own progress', () => {
    const closed = { id: '1', state: 'closed', closedAt: '2026-12-02T09:00:00.000Z' };
    // Closed, nothing done since: the page starts a new incident.
    expect(pageProgress(first, [closed])).toEqual({ contained: false, cleaned: false, hardened: false, verified: false });
    expect(listProgress(first, [closed], closed)).toEqual({ contained: true, cleaned: true, hardened: false, verified: true });
    // A new containment opens record 2: page and list say the same, and record 1 is untouched.
    const open = { id: '2', state: 'open', closedAt: null };
    const rows = [...first, ...second];
    expect(pageProgress(rows, [closed, open])).toEqual({ contained: true, cleaned: false, hardened: false, verified: false });
    expect(listProgress(rows, [closed, open], open)).toEqual(pageProgress(rows, [closed, open]));
    expect(listProgress(rows, [closed, open], closed).verified).toBe(true);
  });

  it('reopening gives the record its rows back', () => {
    const reopened = { id: '1', state: 'open', closedAt: null };
    expect(pageProgress(first, [reopened])).toEqual(listProgress(first, [reopened], reopened));
    expect(pageProgress(first, [reopened]).cleaned).toBe(true);
  });

  it('an unblock inside a record still ends the incident before it', () => {
    const open = { id: '1', state: 'open', closedAt: null };
    const rows = [...first, row(INCIDENT_ACTIONS.unblock, '2026-12-02T08:00:00.000Z'), ...second];
    expect(pageProgress(rows, [open])).toEqual({ contained: true, cleaned: false, hardened: false, verified: false });
    expect(listProgress(rows, [open], open)).toEqual(pageProgress(rows, [open]));
  });

  it('the window of a record runs from the latest close of another record before its own close', () => {
    const a = { id: '1', closedAt: '2026-12-02T00:00:00.000Z' };
    const b = { id: '2', closedAt: '2026-12-04T00:00:00.000Z' };
    const c = { id: '3', closedAt: null };
    expect(spanOf([a, b, c], a)).toEqual({ from: -Infinity, to: Date.parse(a.closedAt) });
    expect(spanOf([a, b, c], b)).toEqual({ from: Date.parse(a.closedAt), to: Date.parse(b.closedAt) });
    expect(spanOf([a, b, c], c)).toEqual({ from: Date.parse(b.closedAt), to: Infinity });
    expect(spanOf([a, b], null)).toEqual({ from: Date.parse(b.closedAt), to: Infinity });
  });
});

describe('the report says the same progress in words', () => {
  it('its numbers start with the response, phase by phase', () => {
    const t = translator('en');
    const rows = contained('2026-12-01');
    const r = {
      ...buildReport({ host: 'lab', username: 'info@example.com', rows, log: null, score: null, reasons: [], now: new Date(), open: null }),
      progress: progressOf(rows),
    };
    expect(numberRows(t, r)[0]).toEqual(['Response', 'Contain ✓ · Clean — · Harden — · Verify —']);
    expect(reportMarkdown(t, r)).toContain('| Response | Contain ✓ · Clean — · Harden — · Verify — |');
  });
});
