import { beforeEach, describe, expect, it, vi } from 'vitest';
import { md5Crypt } from './crypto/md5-crypt';

// Issue 20, finding 5: an unknown account answered ~5 ms sooner than a wrong
// password for a known one (two extra queries). Pinned deterministically:
// both cost the same database work and one hash check of the same kind.

const queries: string[] = [];
const managerRow = {
  username: 'pm@example.com',
  password: md5Crypt('right', '$1$abcdefgh$'),
  type: 'postmaster',
  name: 'PM',
  active: 1,
  expiredate: '2030-01-01 00:00:00',
};

vi.mock('@/lib/db', () => ({
  extmailDb: () => ({
    $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      queries.push(strings.join('?'));
      return values[0] === managerRow.username ? [managerRow] : [];
    },
    domainManager: { findMany: async () => (queries.push('domains'), []) },
    manager: { findUnique: async () => (queries.push('manager.findUnique'), null) },
  }),
}));
vi.mock('@/lib/audit/record', () => ({ recordAudit: async () => undefined }));
vi.mock('@/lib/settings', () => ({ getSettings: async () => ({ enforceManagerExpiry: false }) }));
vi.mock('./session', () => ({ createSession: async () => ({ token: 't', expiresAt: new Date() }) }));
vi.mock('./second-factor', () => ({ checkSecondFactor: async () => 'not-enrolled' }));
vi.mock('./throttle', () => ({ throttleKeys: () => [], lockedFor: async () => 0, recordFailure: async () => [], clearFailures: async () => [] }));
const verified: string[] = [];
vi.mock('./crypto/password-hash', async (importActual) => {
  const actual = await importActual<typeof import('./crypto/password-hash')>();
  return {
    verifyPassword: async (plain: string, stored: string) => (verified.push(`real ${stored.slice(0, 3)}`), actual.verifyPassword(plain, stored)),
    dummyVerify: async (plain: string, like?: string) => (verified.push(`dummy ${(like ?? '$1$').slice(0, 3)}`), actual.dummyVerify(plain, like)),
  };
});

const { login } = await import('./login');
const meta = { clientIp: '127.0.0.1', userAgent: 'test' };

async function attempt(username: string) {
  queries.length = 0;
  verified.length = 0;
  await expect(login({ username, password: 'wrong' }, meta)).rejects.toMatchObject({ code: 'unauthorized' });
  return { queries: [...queries], verified: [...verified] };
}

describe('login timing', () => {
  beforeEach(() => {
    queries.length = 0;
  });
  it('an unknown account costs the same queries and one hash check of the same scheme as a wrong password', async () => {
    const known = await attempt('pm@example.com');
    const unknown = await attempt('nobody@example.com');
    expect(unknown.queries).toEqual(known.queries);
    expect(known.verified).toEqual(['real $1$']);
    expect(unknown.verified).toEqual(['dummy $1$']);
  });
});
