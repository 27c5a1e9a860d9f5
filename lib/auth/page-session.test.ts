import { beforeEach, describe, expect, it, vi } from 'vitest';

// An administrator's page opened by a postmaster ends in Next's forbidden()
// (the console's 403 page), not in a thrown AppError (which rendered as a 500).

const who = vi.hoisted(() => ({ principal: null as null | { role: 'admin' | 'postmaster'; username: string; domains: string[] } }));
vi.mock('server-only', () => ({}));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'session-cookie' }) }) }));
vi.mock('./session', () => ({ SESSION_COOKIE: 'mw_session', resolveSession: async () => who.principal }));
vi.mock('next/navigation', () => ({
  forbidden: () => {
    throw new Error('NEXT_FORBIDDEN');
  },
  redirect: (to: string) => {
    throw new Error(`NEXT_REDIRECT ${to}`);
  },
}));
const { requireAdminPage } = await import('./page-session');

describe('requireAdminPage', () => {
  beforeEach(() => {
    who.principal = null;
  });

  it('lets an administrator in', async () => {
    who.principal = { role: 'admin', username: 'root@extmail.org', domains: [] };
    await expect(requireAdminPage()).resolves.toMatchObject({ role: 'admin' });
  });

  it('gives a postmaster the forbidden page', async () => {
    who.principal = { role: 'postmaster', username: 'pm@example.com', domains: ['example.com'] };
    await expect(requireAdminPage()).rejects.toThrow('NEXT_FORBIDDEN');
  });

  it('sends someone not signed in to the login page', async () => {
    await expect(requireAdminPage()).rejects.toThrow('NEXT_REDIRECT /login');
  });
});
