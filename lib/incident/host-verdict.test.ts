import { describe, expect, it } from 'vitest';
import type { EnforcementReport } from '@/lib/mailboxes/schemas';
import { translator } from '@/lib/i18n/translate';
import { blockVerdict, forHost } from './host-verdict';
import { buildReport } from './report';
import { numberRows } from './report-text';

// Issue 16.8 on the incident page: the incident's host is judged on its own answer.

const refused = { enforced: true as const, evidence: 'check_sasl_access mysql:/etc/postfix/x.cf returned "REJECT"' };
const sends = { enforced: false as const, reason: 'no check_sasl_access lookup on disablesmtpd in smtpd_*_restrictions' };
const silent = { enforced: 'unknown' as const, reason: 'connect ECONNREFUSED 127.0.0.1:2299' };

/** What checkSendingEnforcement returns for two hosts: the combined verdict first, then each host's. */
function report(lab: typeof refused | typeof sends | typeof silent, other: typeof refused | typeof sends | typeof silent): EnforcementReport {
  const overall = lab.enforced === false ? lab : other.enforced === false ? other : lab.enforced === 'unknown' ? lab : other;
  return {
    ...overall,
    hosts: [{ host: 'lab', ...lab } as EnforcementReport['hosts'][number], { host: 'other', ...other } as EnforcementReport['hosts'][number]],
  };
}

describe('forHost', () => {
  it('an unreachable host is unknown, even when the other host does not enforce', () => {
    const v = forHost(report(silent, sends), 'lab');
    expect(v.enforced).toBe('unknown');
    expect('reason' in v && v.reason).toContain('ECONNREFUSED');
    expect(blockVerdict(v)).toBe('unknown');
  });

  it('a host that answered is judged on its own answer, whatever the others said', () => {
    expect(forHost(report(refused, sends), 'lab').enforced).toBe(true);
    expect(forHost(report(refused, silent), 'lab').enforced).toBe(true);
    expect(forHost(report(sends, refused), 'lab').enforced).toBe(false);
  });

  it('a host missing from the report was not checked: unknown, never the combined verdict of the others', () => {
    const v = forHost(report(sends, sends), 'third');
    expect(v.enforced).toBe('unknown');
    expect('reason' in v && v.reason).toContain('third was not checked');
    expect(v.hosts).toHaveLength(2);
  });
});

describe('blockVerdict', () => {
  it('a postmaster’s block (no lookup of ours) on a host that did not answer is unknown, not "still sends"', () => {
    expect(blockVerdict({ ...silent, hosts: [] })).toBe('unknown');
    expect(blockVerdict({ ...silent, hosts: [] }, null)).toBe('unknown');
  });

  it('a host that answered that it does not enforce: the login still sends', () => {
    expect(blockVerdict({ ...sends, hosts: [] })).toBe('sends');
  });

  it('Postfix’s own lookup after our map change decides, even when the later enforcement check got no answer', () => {
    expect(blockVerdict({ ...silent, hosts: [] }, true)).toBe('refused');
    expect(blockVerdict({ ...silent, hosts: [] }, false)).toBe('sends');
  });

  it('an enforcement answer that proves the refusal is refused', () => {
    expect(blockVerdict({ ...refused, hosts: [] })).toBe('refused');
  });
});

describe('the report', () => {
  it('says a block whose enforcement is unknown is unknown, in words (not "?")', () => {
    const rows = [
      {
        id: '1',
        at: '2026-12-07T07:00:00.000Z',
        actor: 'pm@example.com',
        action: 'mailbox.sending.block',
        ok: true,
        error: null,
        params: {},
        result: { enforced: 'unknown' },
      },
    ];
    const r = buildReport({ host: 'lab', username: 'test1@example.com', rows, log: null, score: null, reasons: [], now: new Date(), open: null });
    const blocked = numberRows(translator('en'), r).find(([k]) => k === 'Sending blocked');
    expect(blocked?.[1]).toBe('yes (enforced: unknown)');
  });
});
