import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';

// The queue pages on the lab, in Chromium: after `scripts/lab attack` (plus
// a small generated queue of the same shape, so the stolen login is in the
// queue whatever restrictions other tests left in main.cf), scan host
// "lab", find the stolen login and the attacker IP in the facets, narrow
// the table to them and open one message.

const ATTACKER_USER = 'info@example.com';
const ATTACKER_IP = '127.0.0.66';
// The list pages are 100 rows long: their shots show the first screen only.
const shot = (page: Page, name: string, fullPage = true) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage });
let planted: string[] = [];

test.beforeAll(() => {
  execFileSync('bash', ['scripts/lab', 'attack', '--if-needed'], { stdio: 'ignore', timeout: 300_000 });
  const dir = mkdtempSync(join(tmpdir(), 'mw-e2e-queue-'));
  const manifest = join(dir, 'manifest.jsonl');
  execFileSync('bash', ['scripts/lab', 'bigqueue', '300', '--manifest', manifest], { stdio: 'ignore' });
  planted = readFileSync(manifest, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id);
  rmSync(dir, { recursive: true, force: true });
});

test.afterAll(() => {
  if (planted.length) execFileSync('postsuper', ['-d', '-'], { input: `${planted.join('\n')}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
});

test.describe('queue', () => {
  test.setTimeout(300_000);

  test('scan, spot the stolen login and the attacker IP, open a forged message', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto('/queue?host=lab');
    const scanButton = page.getByTestId('scan-bar').getByRole('button').first();
    await expect(scanButton).toBeEnabled();
    await scanButton.click();
    await expect(page.getByTestId('scan-summary')).toContainText(/Indexed [\d,]+ messages/, { timeout: 240_000 });
    // The lab builds the compiled reader, as a host with a C compiler would.
    await expect(page.getByTestId('scan-reader')).toHaveText('compiled reader');

    const saslFacet = page.getByTestId('facet-saslUser');
    await expect(saslFacet.getByRole('button').first()).toContainText(ATTACKER_USER);
    const ipFacet = page.getByTestId('facet-clientIp');
    const attackerIp = ipFacet.getByRole('button', { name: new RegExp(ATTACKER_IP.replace(/\./g, '\\.')) });
    await expect(page.getByTestId('queue-table').locator('tbody tr').first()).toBeVisible();
    await shot(page, 'queue', false);

    // Narrowed to the stolen login, its IPs are what the IP facet lists.
    await saslFacet.getByRole('button').first().click();
    await expect(page).toHaveURL(/saslUser=info%40example\.com/);
    await expect(page.getByTestId('active-filters')).toContainText(ATTACKER_USER);
    await expect(attackerIp).toBeVisible();
    await attackerIp.click();
    await expect(page).toHaveURL(/clientIp=127\.0\.0\.66/);
    const rows = page.getByTestId('queue-table').locator('tbody tr');
    await expect(rows.first()).toContainText(ATTACKER_IP);
    await expect(rows.first()).toContainText(ATTACKER_USER);
    await expect(rows.first()).toContainText('forged');
    await shot(page, 'queue-filtered', false);

    await rows.first().getByRole('link').click();
    await expect(page).toHaveURL(/\/queue\/[0-9A-Za-z]+\?host=lab/);
    const env = page.getByTestId('envelope');
    await expect(env).toContainText(ATTACKER_USER, { timeout: 30_000 });
    await expect(env).toContainText(ATTACKER_IP);
    await expect(page.getByTestId('envelope-sender')).toContainText('forged');
    await expect(page.getByTestId('envelope-sender')).not.toContainText('@example.com');
    await expect(page.getByTestId('recipients').locator('tbody tr').first()).toContainText('@');
    await expect(page.getByTestId('headers')).toContainText('Subject');
    await shot(page, 'queue-message');

    await page.getByRole('button', { name: 'Raw postcat' }).click();
    await expect(page.getByTestId('raw-postcat')).toContainText('*** ENVELOPE RECORDS');
  });

  test('a message that is gone reads "already delivered or removed"', async ({ page }) => {
    await page.goto('/queue/ABCDEF0123?host=lab');
    await expect(page.getByTestId('message-gone')).toContainText('Already delivered or removed');
  });

  test('malformed ids and filters are refused with 422 before anything reaches the host', async ({ page }) => {
    for (const path of [
      '/api/hosts/lab/queue?clientIp=127.0.0.666',
      '/api/hosts/lab/queue?olderThan=soon',
      '/api/hosts/lab/queue/not-a-queue-id',
      '/api/hosts/lab/queue/abc%3Brm',
    ]) {
      const res = await page.request.get(path);
      expect(res.status(), path).toBe(422);
    }
  });
});
