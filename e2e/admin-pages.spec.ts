import { expect, test } from '@playwright/test';
import { clearThrottle } from './db';
import { POSTMASTER } from './env';

// An administrator's page opened by a postmaster: 403 and the console's
// "Not allowed" page in its usual frame — never a 500 (review of issue 16).

const ADMIN_PAGES = ['/hosts', '/settings', '/mailboxes/weak-passwords'];

test.describe('as a postmaster', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('administrators’ pages answer 403 with the not-allowed page', async ({ page }) => {
    try {
      await clearThrottle();
      expect((await page.request.post('/api/auth/login', { data: POSTMASTER })).status()).toBe(200);
      for (const path of ADMIN_PAGES) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(403);
        await expect(page.getByTestId('forbidden')).toBeVisible();
        await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
        // The console's frame stays: he can go on from its navigation.
        await expect(page.getByTestId('current-user')).toHaveText(POSTMASTER.username);
      }
      await page.screenshot({ path: 'e2e/screenshots/admin-page-forbidden.png', fullPage: true });
      // His own pages are unaffected.
      expect((await page.goto('/mailboxes'))?.status()).toBe(200);
    } finally {
      await clearThrottle();
    }
  });
});

test('an administrator opens the same pages', async ({ page }) => {
  for (const path of ADMIN_PAGES) {
    expect((await page.goto(path))?.status(), path).toBe(200);
    await expect(page.getByTestId('forbidden')).toHaveCount(0);
  }
});
