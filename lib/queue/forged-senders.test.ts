import { describe, expect, it, vi } from 'vitest';

vi.mock('server-only', () => ({}));
vi.mock('@/lib/db', () => ({ db: () => ({}) }));
const { sendersToAdd } = await import('./forged-senders');

// What a login's new forged senders add to the table: only new ones, lower
// case, never past the login's bound.

describe('sendersToAdd', () => {
  it('adds only senders not stored yet, lower case, once each', () => {
    expect(sendersToAdd(new Set(['x@yahoo.com']), ['X@Yahoo.com', 'y@163.com', 'Y@163.com', ' z@qq.com '])).toEqual(['y@163.com', 'z@qq.com']);
  });

  it('stops at the bound of the login', () => {
    const stored = new Set(['a@x.test', 'b@x.test']);
    expect(sendersToAdd(stored, ['c@x.test', 'd@x.test', 'e@x.test'], 4)).toEqual(['c@x.test', 'd@x.test']);
    expect(sendersToAdd(stored, ['c@x.test'], 2)).toEqual([]);
  });

  it('leaves out what cannot be an address in the column (empty, longer than 320)', () => {
    expect(sendersToAdd(new Set(), ['', '   ', `${'a'.repeat(320)}@x.test`])).toEqual([]);
  });
});
