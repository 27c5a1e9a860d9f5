import { expect, test } from '@playwright/test';
import type { IncidentReport } from '../lib/incident/report';

// Issue 16.7 on the lab: the report says what is still open — other
// suspects, null-sender bounces still queued (with the way to delete them
// through the queue's preview), sites still refusing us, hardening fixes not
// applied — and gives a delisting checklist for the provider in the lab's
// deferrals (smtp-sink answers like a Spamhaus-listed refusal). Numbers are
// formatted (no raw 5-digit runs), no raw true/false.

const HOST = 'lab';
const INFO = 'info@example.com';

test('the report lists the open items and the delisting checklist, numbers formatted', async ({ page }) => {
  test.setTimeout(120_000);
  const res = await page.request.get(`/api/incidents/${encodeURIComponent(INFO)}/report?host=${HOST}&format=json`);
  expect(res.status(), await res.text()).toBe(200);
  const json = (await res.json()) as IncidentReport;
  expect(json.open).not.toBeNull();
  expect(json.open!.fixesMissing).not.toBeNull();

  for (const size of [{ width: 1280, height: 900, name: 'desktop' }, { width: 390, height: 844, name: 'phone' }]) {
    await page.setViewportSize(size);
    await page.goto(`/incidents/${encodeURIComponent(INFO)}/report?host=${HOST}`);
    const open = page.getByTestId('report-open');
    await expect(open).toBeVisible({ timeout: 60_000 });
    await expect(open.getByRole('heading', { name: 'Still open' })).toBeVisible();
    if ((json.open!.refusing?.length ?? 0) > 0) {
      await expect(open.locator('[data-item="refusing"]')).toBeVisible();
      const del = page.getByTestId('delisting');
      await expect(del.first()).toBeVisible();
      for (const label of ['What the reply means', 'Where to ask', 'What to say', 'How to check it still refuses']) await expect(del.first()).toContainText(label);
      expect(json.open!.delisting.map((d) => d.id)).toContain('spamhaus');
      await expect(page.locator('[data-provider="spamhaus"]')).toContainText('check.spamhaus.org');
    }
    if ((json.open!.bounces?.count ?? 0) > 0) {
      await expect(open.locator('[data-item="bounces"]')).toContainText(/null-sender bounces? still in the queue/);
      await expect(page.getByTestId('delete-bounces')).toHaveAttribute('href', /\/queue\?host=lab&sender=%3C%3E/);
    }
    if ((json.open!.fixesMissing?.length ?? 0) > 0) await expect(open.locator('[data-item="fixes"]')).toContainText('Hardening fixes not applied');
    // Formatted numbers, words instead of booleans.
    const text = (await page.getByTestId('report').innerText()).replace(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/g, '').replace(/\b[0-9A-F]{10,}\b/g, '');
    expect(text).not.toMatch(/(?<![\d.,:])\d{5,}(?![\d.,:])/);
    expect(text).not.toMatch(/\b(true|false)\b/);
    await page.screenshot({ path: `e2e/screenshots/incident-report-${size.name}.png`, fullPage: true });
  }

  // The bounces link opens the queue filtered to the null sender, where the usual action preview deletes them.
  if ((json.open!.bounces?.count ?? 0) > 0) {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByTestId('delete-bounces').click();
    await expect(page).toHaveURL(/\/queue\?host=lab&sender=%3C%3E/);
  }
  const md = await page.request.get(`/api/incidents/${encodeURIComponent(INFO)}/report?host=${HOST}&format=md`);
  const body = await md.text();
  expect(body).toContain('## Still open');
  if ((json.open!.delisting.length ?? 0) > 0) expect(body).toContain('## Delisting checklist');
});
