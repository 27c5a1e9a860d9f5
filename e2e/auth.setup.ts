import { expect, test as setup } from '@playwright/test';
import { ADMIN } from './env';

// Signs in once as the upstream extman administrator and saves the session.
setup('sign in as root@extmail.org', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel(/manager account/i).fill(ADMIN.username);
  await page.getByLabel(/^password/i).fill(ADMIN.password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page.getByTestId('current-user')).toHaveText(ADMIN.username);
  await page.context().storageState({ path: 'e2e/.auth/admin.json' });
});
