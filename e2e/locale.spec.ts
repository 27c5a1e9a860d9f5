import { expect, test, type Page } from '@playwright/test';
import { en } from '../lib/i18n/catalogue/en';
import { zh } from '../lib/i18n/catalogue/zh';
import { mixedChunks, scanChunks } from '../scripts/check-locale-bundles';
import { baseURL } from './env';
import { insertTestAlert, removeTestAlert } from './phone-fixtures';

// Locale done properly: one date format per locale on the pages that show
// dates, no US or slashed dates anywhere, and only the active locale's
// messages reach the browser (in the page's data, never in a JS chunk).

const HOST = 'lab';
const FORMAT = {
  zh: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
  en: /^\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}, \d{2}:\d{2}$/,
} as const;
// US times ("12:51 AM", ICU puts a narrow space before AM), slashed dates, Chinese 12-hour times.
const FOREIGN = [/\b\d{1,2}:\d{2}(:\d{2})?[ \u202f]?(AM|PM)(?![\w@])/, /\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/, /(上午|下午)\d/];

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  const context = await browser.newContext({ storageState: 'e2e/.auth/admin.json', baseURL, extraHTTPHeaders: { origin: baseURL } });
  try {
    const api = `/api/hosts/${HOST}/queue/scan`;
    await context.request.post(api, { data: { mode: 'refresh' } });
    await expect
      .poll(async () => ((await (await context.request.get(api)).json()) as { scan: { status: string } }).scan.status, { timeout: 240_000, intervals: [1000] })
      .toBe('done');
  } finally {
    await context.close();
  }
});

test('no browser chunk holds the messages of both locales', () => {
  const reports = scanChunks();
  expect(reports.length).toBeGreaterThan(5);
  expect(mixedChunks(reports)).toEqual([]);
  // Nor is either catalogue bundled as code: a stray literal or two at most.
  for (const r of reports) expect(r.en + r.zh, r.file).toBeLessThan(20);
});

for (const locale of ['en', 'zh'] as const) {
  test.describe(`dates in ${locale}`, () => {
    test.beforeEach(async ({ context }) => {
      await context.addCookies([{ name: 'mw_locale', value: locale, url: baseURL }]);
    });

    test('the page carries this locale’s messages only', async ({ page }) => {
      const html = await (await page.request.get('/audit')).text();
      const [mine, other] = locale === 'zh' ? [zh, en] : [en, zh];
      // Messages no page shows by itself: they can only be there as the catalogue.
      for (const key of ['incident.verify.noPassword', 'settings.expiryHelp', 'hosts.hint.privateKey'] as const) {
        expect(html, key).toContain(JSON.stringify(mine[key]).slice(1, -1).slice(0, 30));
        expect(html, key).not.toContain(JSON.stringify(other[key]).slice(1, -1).slice(0, 30));
      }
    });

    const pages: [string, string, (p: Page) => Promise<void>][] = [
      [
        'dashboard',
        `/?host=${HOST}`,
        async (p) => void (await expect(p.getByTestId('stat').first()).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 })),
      ],
      [
        'queue',
        `/queue?host=${HOST}`,
        async (p) => void (await expect(p.getByTestId('queue-table').locator('tbody tr').first()).toBeVisible({ timeout: 60_000 })),
      ],
      ['alerts', '/alerts', async (p) => void (await expect(p.getByTestId('alert-row').first()).toBeVisible())],
      ['audit', '/audit', async (p) => void (await expect(p.getByTestId('audit-table').locator('tbody tr').first()).toBeVisible())],
    ];
    for (const [name, url, ready] of pages) {
      test(`${name}: every date in the one ${locale} format`, async ({ page }) => {
        await page.setViewportSize({ width: 1280, height: 900 });
        // The alerts page needs an alert with dates: one is added just before it opens
        // (the watcher resolves alerts it does not see any more).
        const alertId = name === 'alerts' ? await insertTestAlert(HOST, 'info@example.com') : 0;
        try {
          await page.goto(url);
          await ready(page);
          await page.waitForLoadState('networkidle');
          const times = await page
            .locator('main time')
            .evaluateAll((els) => els.map((e) => ({ text: (e.textContent ?? '').trim(), title: e.getAttribute('title') ?? '' })));
          expect(times.length, 'dates on the page').toBeGreaterThan(0);
          for (const t of times) {
            // A date shows in the format, or (an age, a time of day) carries it in its tooltip.
            expect(FORMAT[locale].test(t.text) || FORMAT[locale].test(t.title), `${t.text} | ${t.title}`).toBe(true);
          }
          const text = await page.locator('main').innerText();
          for (const re of FOREIGN) expect(text).not.toMatch(re);
          await page.screenshot({ path: `/tmp/mw-shots/desktop-${locale}-${name}.png` });
        } finally {
          if (alertId) await removeTestAlert(alertId);
        }
      });
    }
  });
}
