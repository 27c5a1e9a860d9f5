import { expect, it, vi } from 'vitest';

// Two failed logins at once from one IP both found no row and both inserted;
// the second insert's unique violation was a 500 (found by the API fuzz suite).
let upserts = 0;
vi.mock('@/lib/db', () => ({
  db: () => ({
    mwLoginThrottle: {
      findUnique: async () => null,
      upsert: async () => {
        upserts++;
        if (upserts === 1) throw Object.assign(new Error('Unique constraint failed on the constraint: `PRIMARY`'), { code: 'P2002' });
        return {};
      },
    },
  }),
}));
const { recordFailure } = await import('./throttle');

it('a failure recorded while another inserts the same key updates it instead of failing', async () => {
  await expect(recordFailure(['ip:127.0.0.1'])).resolves.toEqual([]);
  expect(upserts).toBe(2);
});
