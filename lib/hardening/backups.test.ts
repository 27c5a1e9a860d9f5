import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/db', () => ({
  db: () => {
    throw new Error('no database in unit tests');
  },
}));

const { interruptedApply, joinHistory, takenAtOf } = await import('./backups');

const CURRENT = 'c'.repeat(64);
const OLD = 'a'.repeat(64);
const backup = (id: string, mainSha256: string) => ({ id, mainSha256, masterSha256: 'm'.repeat(64) });
const audit = (action: string, backupId: string, ok: boolean, params: unknown = { fixes: ['sender-login-maps'] }) => ({
  action,
  actor: 'root@extmail.org',
  at: new Date('2026-11-27T21:49:30Z'),
  ok,
  params,
  result: { backupId },
});

describe('joinHistory', () => {
  it('names the apply or rollback that took each backup, newest audit row first', () => {
    const rows = joinHistory(
      [backup('20261127T214939Z', CURRENT), backup('20261127T214923Z', OLD), backup('20261127T210000Z', OLD)],
      [audit('hardening.rollback', '20261127T214939Z', true, { backupId: '20261127T214923Z' }), audit('hardening.apply', '20261127T214923Z', true)],
    );
    expect(rows.map((r) => r.madeBy && [r.madeBy.action, r.madeBy.ok, r.madeBy.fixes, r.madeBy.restored])).toEqual([
      ['hardening.rollback', true, [], '20261127T214923Z'],
      ['hardening.apply', true, ['sender-login-maps'], undefined],
      null,
    ]);
    expect(rows[0]!.takenAt).toBe('2026-11-27T21:49:39Z');
  });
});

describe('interruptedApply', () => {
  const rows = (madeBy: ReturnType<typeof audit>[], sha = OLD) => joinHistory([backup('20261127T214923Z', sha)], madeBy);

  it('warns when main.cf changed after the newest backup and nothing finished', () => {
    expect(interruptedApply(rows([]), CURRENT, false)).toEqual({ backupId: '20261127T214923Z' });
  });
  it('warns when the apply failed and its rollback did not put the file back', () => {
    expect(interruptedApply(rows([audit('hardening.apply', '20261127T214923Z', false)]), CURRENT, false)).not.toBeNull();
  });
  it('is quiet after a successful apply, when main.cf equals the backup, or while a change runs', () => {
    expect(interruptedApply(rows([audit('hardening.apply', '20261127T214923Z', true)]), CURRENT, false)).toBeNull();
    expect(interruptedApply(rows([], CURRENT), CURRENT, false)).toBeNull();
    expect(interruptedApply(rows([]), CURRENT, true)).toBeNull();
    expect(interruptedApply([], CURRENT, false)).toBeNull();
  });
});

describe('takenAtOf', () => {
  it('reads the UTC time from a backup id, suffix or not', () => {
    expect(takenAtOf('20261127T214923Z-2')).toBe('2026-11-27T21:49:23Z');
  });
});
