import { expect, test } from '@playwright/test';
import { totpCode } from '../lib/auth/crypto/totp';
import { clearThrottle, withDb, withExtmail } from './db';
import { POSTMASTER } from './env';

test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: import('@playwright/test').Page, totp?: string) {
  await page.goto('/login');
  await page.getByLabel(/manager account/i).fill(POSTMASTER.username);
  await page.getByLabel(/^password/i).fill(POSTMASTER.password);
  if (totp) await page.getByLabel(/authenticator code/i).fill(totp);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.getByRole('button', { name: /sign in/i }).click()]);
}

test('a manager turns on TOTP; sign-in then asks for a code and accepts a recovery code once', async ({ page }) => {
  try {
    await signIn(page);
    await page.goto('/account');
    await page.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    const recovery = (await page
      .locator('li')
      .filter({ hasText: /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/ })
      .first()
      .textContent())!.trim();
    await page.screenshot({ path: 'e2e/screenshots/account-totp.png', fullPage: true });
    await page.getByLabel('Six-digit code').fill(totpCode(secret));
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByTestId('totp-status')).toContainText('On');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await signIn(page);
    await expect(page.getByTestId('login-error')).toHaveText('Enter the code from your authenticator app.');
    await page.getByLabel(/authenticator code/i).fill(recovery);
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.getByRole('button', { name: /sign in/i }).click()]);
    await expect(page.getByTestId('current-user')).toHaveText(POSTMASTER.username);

    // The same recovery code does not work twice.
    const again = await page.request.post('/api/auth/login', { data: { ...POSTMASTER, totp: recovery } });
    expect(again.status()).toBe(401);
  } finally {
    await withDb((c) => c.query('DELETE FROM mw_totp WHERE username = ?', [POSTMASTER.username]));
    await clearThrottle();
  }
});

test('changing the manager password in extman ends existing sessions', async ({ request }) => {
  const login = await request.post('/api/auth/login', { data: POSTMASTER });
  expect(login.status()).toBe(200);
  expect((await request.get('/api/auth/me')).status()).toBe(200);
  const [[row]] = (await withExtmail((c) => c.query('SELECT password FROM manager WHERE username = ?', [POSTMASTER.username]))) as unknown as [
    [{ password: string }],
  ];
  try {
    // Same password, new salt: what extman does on a password change.
    await withExtmail((c) =>
      c.query("UPDATE manager SET password = CONCAT(password, '') , password = ? WHERE username = ?", [
        row.password.replace(/^\$1\$[^$]+/, '$1$zzzzzzzz'),
        POSTMASTER.username,
      ]),
    );
    expect((await request.get('/api/auth/me')).status()).toBe(401);
  } finally {
    await withExtmail((c) => c.query('UPDATE manager SET password = ? WHERE username = ?', [row.password, POSTMASTER.username]));
  }
});
