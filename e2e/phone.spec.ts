import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { baseURL } from './env';
import { insertTestAlert, removeTestAlert } from './phone-fixtures';

// On call from a phone: the six pages that matter at night, at 390×844, in
// English and Chinese. None may scroll sideways, and each page's main action
// must be on screen and clickable (dialogs are opened and cancelled; nothing
// is changed). Screenshots go to /tmp/mw-shots/phone/ — look at them.

const HOST = 'lab';
const USER = 'info@example.com';
const SHOTS = '/tmp/mw-shots/phone';
const PHONE = { width: 390, height: 844 };

let messageId = '';
let alertId = 0;

async function indexQueue(request: APIRequestContext) {
  const api = `/api/hosts/${HOST}/queue/scan`;
  await request.post(api, { data: { mode: 'refresh' } });
  await expect
    .poll(async () => ((await (await request.get(api)).json()) as { scan: { status: string } }).scan.status, { timeout: 240_000, intervals: [1000] })
    .toBe('done');
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(600_000);
  mkdirSync(SHOTS, { recursive: true });
  execFileSync('bash', ['scripts/lab', 'attack', '--if-needed'], { stdio: 'ignore', timeout: 300_000 });
  const context = await browser.newContext({ storageState: 'e2e/.auth/admin.json', baseURL, extraHTTPHeaders: { origin: baseURL } });
  try {
    await indexQueue(context.request);
    const list = (await (await context.request.get(`/api/hosts/${HOST}/queue?saslUser=${encodeURIComponent(USER)}&pageSize=1`)).json()) as { rows: { id: string }[] };
    const any = (await (await context.request.get(`/api/hosts/${HOST}/queue?pageSize=1`)).json()) as { rows: { id: string }[] };
    messageId = list.rows[0]?.id ?? any.rows[0]?.id ?? '';
  } finally {
    await context.close();
  }
  alertId = await insertTestAlert(HOST, USER);
});

test.afterAll(async () => {
  if (alertId) await removeTestAlert(alertId);
});

/** The page is exactly as wide as the phone: nothing sticks out sideways. */
async function expectNoSideScroll(page: Page) {
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
  expect(inner).toBe(PHONE.width);
  expect(scroll, 'document.documentElement.scrollWidth').toBeLessThanOrEqual(inner);
}

/** On screen (scrolled to), enabled, and nothing covers it. */
async function expectReachable(action: Locator) {
  await action.scrollIntoViewIfNeeded();
  await expect(action).toBeVisible();
  await expect(action).toBeEnabled();
  await action.click({ trial: true });
  const box = await action.boundingBox();
  expect(box, 'main action has a box').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

for (const locale of ['en', 'zh'] as const) {
  test.describe(`phone, ${locale}`, () => {
    test.use({ viewport: PHONE, hasTouch: true, locale: locale === 'zh' ? 'zh-CN' : 'en-GB' });
    test.setTimeout(180_000);

    test.beforeEach(async ({ context }) => {
      await context.addCookies([{ name: 'mw_locale', value: locale, url: baseURL }]);
    });

    test('dashboard: menu opens, the top suspect has Respond', async ({ page }) => {
      await page.goto(`/?host=${HOST}`);
      await expect(page.getByTestId('stat').first()).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
      const respond = page.getByTestId('respond').first();
      await expect(respond).toBeVisible({ timeout: 60_000 });
      await expectNoSideScroll(page);
      await expectReachable(respond);
      await shot(page, `${locale}-dashboard`);

      await page.getByTestId('nav-menu').click();
      const drawer = page.locator('#mobile-nav');
      await expect(drawer.getByRole('link', { name: locale === 'zh' ? '队列' : 'Queue', exact: true })).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/${locale}-menu.png` });
      await drawer.getByRole('link', { name: locale === 'zh' ? '队列' : 'Queue', exact: true }).click();
      await expect(page).toHaveURL(/\/queue/);
      await expect(drawer).toHaveCount(0);
    });

    test('queue with a filter: facets fold, Hold opens its dialog', async ({ page }) => {
      await page.goto(`/queue?host=${HOST}&saslUser=${encodeURIComponent(USER)}`);
      await expect(page.getByTestId('active-filters')).toContainText(USER);
      await expect(page.getByTestId('queue-list').locator('li').first()).toBeVisible();
      await expect(page.getByTestId('facet-saslUser')).toBeHidden();
      await expectNoSideScroll(page);
      await shot(page, `${locale}-queue`);

      await page.getByTestId('facets-toggle').click();
      await expect(page.getByTestId('facet-saslUser')).toBeVisible();
      await expectNoSideScroll(page);
      await shot(page, `${locale}-queue-facets`);
      await page.getByTestId('facets-toggle').click();

      await page.getByTestId('select-all-matching').click();
      const hold = page.getByTestId('queue-action-hold');
      await expectReachable(hold);
      await hold.click();
      const dialog = page.getByTestId('queue-action-dialog');
      await expect(dialog.getByTestId('preview-total')).toBeVisible({ timeout: 60_000 });
      await expectReachable(dialog.getByTestId('run-action'));
      await expectReachable(page.getByTestId('queue-action-cancel'));
      await page.screenshot({ path: `${SHOTS}/${locale}-queue-dialog.png` });
      await page.getByTestId('queue-action-cancel').click();
      await expect(dialog).toHaveCount(0);
    });

    test('message: Hold and Delete for this message, back keeps the filter', async ({ page }) => {
      test.skip(!messageId, 'the queue is empty');
      const from = new URLSearchParams({ saslUser: USER }).toString();
      await page.goto(`/queue/${messageId}?host=${HOST}&from=${encodeURIComponent(from)}`);
      await expect(page.getByTestId('envelope')).toBeVisible();
      await expectNoSideScroll(page);
      const hold = page.getByTestId('message-hold').or(page.getByTestId('message-release'));
      await expectReachable(hold);
      await expectReachable(page.getByTestId('message-delete'));
      await shot(page, `${locale}-message`);
      await hold.click();
      await expect(page.getByTestId('queue-action-dialog')).toBeVisible();
      await expectReachable(page.getByTestId('queue-action-cancel'));
      await page.getByTestId('queue-action-cancel').click();
      await expect(page.getByTestId('message-back')).toHaveAttribute('href', /saslUser=info%40example\.com/);
    });

    test('incident: Contain now asks first, and Cancel is in reach', async ({ page }) => {
      await page.goto(`/incidents/${encodeURIComponent(USER)}?host=${HOST}`);
      const contain = page.getByTestId('contain-now');
      await expect(contain).toBeEnabled({ timeout: 120_000 });
      await expectNoSideScroll(page);
      await expectReachable(contain);
      await shot(page, `${locale}-incident`);
      await contain.click();
      const confirm = page.getByTestId('contain-confirm');
      await expect(confirm).toBeVisible();
      await expectReachable(confirm.getByRole('button').last());
      await confirm.getByRole('button').last().click();
      await expect(confirm).toHaveCount(0);
    });

    test('mailbox: Reset password opens its dialog', async ({ page }) => {
      await page.goto(`/mailboxes/${encodeURIComponent(USER)}`);
      const reset = page.getByTestId('reset-password');
      await expectNoSideScroll(page);
      await expectReachable(reset);
      await shot(page, `${locale}-mailbox`);
      await reset.click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      await expectReachable(dialog.getByTestId('reset-cancel'));
      await page.screenshot({ path: `${SHOTS}/${locale}-mailbox-dialog.png` });
      await dialog.getByTestId('reset-cancel').click();
      await expect(dialog).toHaveCount(0);
    });

    test('alerts: an open alert can be acknowledged', async ({ page }) => {
      await page.goto('/alerts');
      const row = page.getByTestId('open-alerts').getByTestId('alert-row').filter({ has: page.locator(`[data-alert-id="${alertId}"]`) });
      await expect(row).toBeVisible();
      await expectNoSideScroll(page);
      await expectReachable(row.getByTestId('alert-ack'));
      await shot(page, `${locale}-alerts`);
    });
  });
}
