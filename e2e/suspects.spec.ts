import { expect, test, type Page } from '@playwright/test';
import type { SuspectsResponse } from '../lib/dashboard/types';

// Issue 16.5 on the lab: the "Suspect accounts" figure is the number of
// suspect rows; Respond only on those rows; logins below the threshold are
// folded under "others"; every figure says whether it is the queue's or the
// log's; never "no such mailbox (failed logins only)".

const HOST = 'lab';

async function suspectsOf(page: Page): Promise<SuspectsResponse> {
  const res = await page.request.get(`/api/incidents/suspects?host=${HOST}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as SuspectsResponse;
}

test('the suspects count equals the suspect rows, Respond only for them, every figure labelled', async ({ page }) => {
  test.setTimeout(180_000);
  // The queue index feeds the queue figures: make sure there is one.
  await page.request.post(`/api/hosts/${HOST}/queue/scan`, { data: { mode: 'refresh' } });
  await expect
    .poll(async () => ((await (await page.request.get(`/api/hosts/${HOST}/queue/scan`)).json()) as { scan: { status: string } }).scan.status, {
      timeout: 150_000,
    })
    .toBe('done');
  const api = await suspectsOf(page);
  expect(api.suspects.every((s) => s.score >= api.threshold)).toBe(true);
  expect(api.others.every((s) => s.score > 0 && s.score < api.threshold)).toBe(true);

  for (const size of [
    { width: 1280, height: 900, name: 'desktop' },
    { width: 390, height: 844, name: 'phone' },
  ]) {
    await page.setViewportSize(size);
    await page.goto(`/?host=${HOST}`);
    const stat = page.getByTestId('stat').filter({ hasText: 'Suspect accounts' });
    await expect(stat).not.toHaveAttribute('aria-busy', 'true');
    await expect(page.getByTestId('suspects-threshold')).toBeVisible();
    const rows = page.getByTestId('suspect');
    const n = await rows.count();
    await expect(stat.locator(':scope > div').nth(1)).toHaveText(String(n));
    expect(n).toBeGreaterThan(0);
    // Respond is on every suspect row and nowhere else.
    await expect(page.getByTestId('respond')).toHaveCount(n);
    await expect(rows.getByTestId('respond')).toHaveCount(n);
    if (api.others.length > 0) {
      const others = page.getByTestId('others');
      await others.locator('summary').click();
      await expect(others.getByTestId('other')).toHaveCount(api.others.length);
      await expect(others.getByTestId('respond')).toHaveCount(0);
    }
    // Each figure carries its source tag: Q (queue) or L (log).
    for (const fig of await page.getByTestId('figures').locator('[data-source]').all()) {
      await expect(fig).toHaveText(/^(Q|L)/);
    }
    await expect(page.getByText('failed logins only')).toHaveCount(0);
    // The stolen login of the lab is a suspect with queue-labelled figures.
    const info = rows.filter({ has: page.locator('[data-source="queue"]') }).first();
    await expect(info).toBeVisible();
    await page.screenshot({ path: `e2e/screenshots/suspects-${size.name}.png`, fullPage: true });
  }
});
