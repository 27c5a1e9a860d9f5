import { expect, test } from '@playwright/test';
import type { DashboardResponse } from '../lib/dashboard/types';
import { withDb } from './db';
import { POSTMASTER } from './env';

// Issue 16.9: pm@example.com's dashboard shows example.com's figures only —
// the queue total, the history and the indexed count are his domains' share,
// never the host's — and a whole-host scan is refused (403, no button).

const HOST = 'lab';

test('a postmaster sees only his numbers and cannot start a whole-host scan', async ({ browser, page }) => {
  test.setTimeout(180_000);
  await page.request.post(`/api/hosts/${HOST}/queue/scan`, { data: { mode: 'refresh' } });
  await expect
    .poll(async () => ((await (await page.request.get(`/api/hosts/${HOST}/queue/scan`)).json()) as { scan: { status: string } }).scan.status, {
      timeout: 150_000,
    })
    .toBe('done');
  const admin = (await (await page.request.get(`/api/dashboard?host=${HOST}`)).json()) as DashboardResponse;

  const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const pm = await ctx.newPage();
  try {
    await withDb((c) => c.query('DELETE FROM mw_login_throttle'));
    await pm.goto('/login');
    await pm.getByLabel(/manager account/i).fill(POSTMASTER.username);
    await pm.getByLabel(/^password/i).fill(POSTMASTER.password);
    await pm.getByRole('button', { name: /sign in/i }).click();
    await expect(pm.getByTestId('current-user')).toHaveText(POSTMASTER.username);

    const mine = (await (await pm.request.get(`/api/dashboard?host=${HOST}`)).json()) as DashboardResponse;
    for (const v of mine.overviews) {
      const a = admin.overviews.find((x) => x.host === v.host)!;
      expect(v.queue.canScan).toBe(false);
      expect(v.history.source).not.toBe('watcher');
      if (v.queue.overview) {
        // The indexed count is his domains' total, not the host's.
        expect(v.queue.scan.indexed).toBe(v.queue.overview.total);
        expect(v.queue.overview.total).toBeLessThanOrEqual(a.queue.overview?.total ?? Infinity);
        // His history is sampled from his share of the index: its latest point is his total.
        if (v.history.points.length) expect(v.history.points.at(-1)!.total).toBe(v.queue.overview.total);
        for (const u of v.queue.topUsers) expect(u.value.endsWith('@example.com')).toBe(true);
      }
      if (a.queue.overview && v.queue.overview && a.queue.overview.total > v.queue.overview.total) {
        expect(v.queue.scan.indexed).toBeLessThan(a.queue.scan.indexed);
      }
    }
    const scan = await pm.request.post(`/api/hosts/${HOST}/queue/scan`, { data: { mode: 'full' }, headers: { origin: new URL(pm.url()).origin } });
    expect(scan.status()).toBe(403);

    for (const size of [
      { width: 1280, height: 900, name: 'desktop' },
      { width: 390, height: 844, name: 'phone' },
    ]) {
      await pm.setViewportSize(size);
      await pm.goto(`/?host=${HOST}`);
      const card = pm.getByTestId('queue-card');
      await expect(card.first()).toBeVisible();
      await expect(pm.getByTestId('scan-queue')).toHaveCount(0);
      const o = mine.overviews[0]?.queue.overview;
      if (o) await expect(card.first().getByTestId('queue-total')).toContainText(new Intl.NumberFormat('en').format(o.total));
      await pm.screenshot({ path: `e2e/screenshots/postmaster-dashboard-${size.name}.png`, fullPage: true });
    }
    // The queue page: when the index was read, and no scan button that would be refused.
    await pm.setViewportSize({ width: 1280, height: 900 });
    await pm.goto(`/queue?host=${HOST}`);
    const bar = pm.getByTestId('scan-bar');
    await expect(bar.getByTestId('scan-summary')).toBeVisible();
    await expect(bar.getByRole('button')).toHaveCount(0);
    await pm.screenshot({ path: 'e2e/screenshots/postmaster-queue-desktop.png', fullPage: true });
  } finally {
    await ctx.close();
  }
});
