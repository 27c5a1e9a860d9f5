import { expect, test } from '@playwright/test';
import { clearThrottle } from './db';
import { ADMIN, POSTMASTER } from './env';

test.describe('signing in', () => {
  test.use({ storageState: { cookies: [], origins: [] } });
  test.afterEach(clearThrottle);

  async function tryLogin(page: import('@playwright/test').Page, username: string, password: string) {
    await page.getByLabel(/manager account/i).fill(username);
    await page.getByLabel(/^password/i).fill(password);
    // Wait for the server's answer: the same message twice must not pass early.
    await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.getByRole('button', { name: /sign in/i }).click()]);
  }

  test('the upstream extman admin signs in and sees the console', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login$/);
    await page.screenshot({ path: 'e2e/screenshots/login.png', fullPage: true });
    await tryLogin(page, ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('current-user')).toHaveText(ADMIN.username);
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    // The upstream sample manager expired in 2010: allowed, with a warning.
    await expect(page.getByRole('status').filter({ hasText: 'expired' })).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/dashboard.png', fullPage: true });
  });

  test('a wrong password and an unknown user get the same answer', async ({ page }) => {
    await page.goto('/login');
    await tryLogin(page, ADMIN.username, 'not-the-password');
    const wrong = await page.getByTestId('login-error').textContent();
    await tryLogin(page, 'nobody@nowhere.test', 'whatever');
    await expect(page.getByTestId('login-error')).toHaveText(wrong ?? '');
    expect(wrong).toBe('Wrong account or password.');
  });

  test('the sixth rapid failure is throttled', async ({ page }) => {
    await page.goto('/login');
    for (let i = 0; i < 5; i++) {
      await tryLogin(page, ADMIN.username, `wrong-${i}`);
      await expect(page.getByTestId('login-error')).toHaveText('Wrong account or password.');
    }
    await tryLogin(page, ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('login-error')).toContainText('Too many failed attempts');
  });

  test('the interface switches to Chinese and remembers it', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('button', { name: '简体中文' }).click();
    await expect(page.getByRole('heading', { name: '登录 Mailwarden' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: '登录 Mailwarden' })).toBeVisible();
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Mailwarden' })).toBeVisible();
  });

  test('a postmaster sees only his domains and no administration', async ({ page, request }) => {
    await page.goto('/login');
    await tryLogin(page, POSTMASTER.username, POSTMASTER.password);
    await expect(page.getByTestId('current-user')).toHaveText(POSTMASTER.username);
    await expect(page.getByText('example.com', { exact: false }).first()).toBeVisible();
    await expect(page.getByRole('link', { name: 'Hosts' })).toHaveCount(0);
    // Not by hiding buttons only: the server refuses too.
    const res = await page.request.get('/api/audit');
    expect(res.status()).toBe(200);
    const other = await request.get('/api/auth/me');
    expect(other.status()).toBe(401);
  });
});

test('signing out ends the session', async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel(/manager account/i).fill(ADMIN.username);
  await page.getByLabel(/^password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByTestId('current-user')).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get('/api/auth/me')).status()).toBe(401);
  await context.close();
});
