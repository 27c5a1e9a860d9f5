import { expect, test } from '@playwright/test';
import { baseURL, POSTMASTER } from './env';
import { clearThrottle, withExtmail } from './db';

// A manager changes his own password from the Account page's API: the
// current one is required, the new one must be strong, his other sessions
// end and this one stays. The manager's hash is put back afterwards.

test.use({ storageState: { cookies: [], origins: [] } });

test('a manager changes his own password; wrong or weak input is refused', async ({ playwright }) => {
  const [[row]] = (await withExtmail((c) => c.query('SELECT password FROM manager WHERE username = ?', [POSTMASTER.username]))) as unknown as [
    [{ password: string }],
  ];
  const session = () => playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
  const [me, other] = await Promise.all([session(), session()]);
  const next = 'Quiet-Harbour-Lamp-47';
  try {
    for (const s of [me, other]) expect((await s.post('/api/auth/login', { data: POSTMASTER })).status()).toBe(200);
    const wrong = await me.post('/api/auth/password', { data: { current: 'not-it', next } });
    expect(wrong.status()).toBe(422);
    const weak = await me.post('/api/auth/password', { data: { current: POSTMASTER.password, next: 'password1' } });
    expect(weak.status()).toBe(422);
    expect(((await weak.json()) as { error: { details?: { reasons?: string[] } } }).error.details?.reasons?.length).toBeGreaterThan(0);

    const done = await me.post('/api/auth/password', { data: { current: POSTMASTER.password, next } });
    // The lab's account has exactly the rights scripts/grants.ts prints, UPDATE (password) ON manager among them.
    expect(done.status()).toBe(200);
    expect((await me.get('/api/auth/me')).status()).toBe(200);
    expect((await other.get('/api/auth/me')).status()).toBe(401);
    const fresh = await session();
    expect((await fresh.post('/api/auth/login', { data: { username: POSTMASTER.username, password: next } })).status()).toBe(200);
    await fresh.dispose();
  } finally {
    await withExtmail((c) => c.query('UPDATE manager SET password = ? WHERE username = ?', [row.password, POSTMASTER.username]));
    await clearThrottle();
    await Promise.all([me.dispose(), other.dispose()]);
  }
});
