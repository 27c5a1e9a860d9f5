import { describe, expect, it, vi } from 'vitest';

const written: string[] = [];
vi.mock('@/lib/db', () => ({
  db: () => ({
    mwSetting: {
      findMany: async () => [
        { key: 'mailboxPasswordScheme', value: 'sha512-crypt' },
        { key: 'retiredSetting', value: 1 },
      ],
      upsert: async ({ where }: { where: { key: string } }) => void written.push(where.key),
    },
  }),
}));
const { getSettings, updateSettings } = await import('./settings');

describe('settings', () => {
  it('a patch writes only the keys it names: {} changes nothing', async () => {
    await updateSettings({});
    expect(written).toEqual([]);
    await updateSettings({ enforceManagerExpiry: true });
    expect(written).toEqual(['enforceManagerExpiry']);
  });
  it('a stored key the schema no longer knows is ignored, not a 500', async () => {
    expect(await getSettings()).toEqual({ enforceManagerExpiry: false, mailboxPasswordScheme: 'sha512-crypt' });
  });
});
