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
  try {
    execFileSync('bash', ['scripts/lab', 'attack', '--if-needed'], { stdio: 'ignore', timeout: 300_000 });
  } catch {
    // A busy machine can fail a run of the attack; the pages below still need its mail, and say so.
  }
  const context = await browser.newContext({ storageState: 'e2e/.auth/admin.json', baseURL, extraHTTPHeaders: { origin: baseURL } });
  try {
    await indexQueue(context.request);
    const list = (await (await context.request.get(`/api/hosts/${HOST}/queue?saslUser=${encodeURIComponent(USER)}&pageSize=1`)).json()) as {
      rows: { id: string }[];
    };
    const any = (await (await context.request.get(`/api/hosts/${HOST}/queue?pageSize=1`)).json()) as { rows: { id: string }[] };
    messageId = list.rows[0]?.id ?? any.rows[0]?.id ?? '';
  } finally {
    await context.close();
  }
});

/** The page is exactly as wide as the phone: nothing sticks out sideways (the message names what does). */
async function expectNoSideScroll(page: Page) {
  const { scroll, inner, culprits } = await page.evaluate(() => {
    const inner = window.innerWidth;
    // The innermost elements that reach past the right edge, outside any scrolling panel.
    const clipped = (e: Element) => {
      for (let p = e.parentElement; p && p !== document.body; p = p.parentElement)
        if (/(auto|scroll|hidden|clip)/.test(getComputedStyle(p).overflowX)) return true;
      return false;
    };
    // Boxes past the edge, and boxes whose own text runs past it (a long word in a narrow box).
    const wide = [...document.querySelectorAll('body *')].filter((e) => {
      const r = e.getBoundingClientRect();
      if (r.width === 0) return false;
      return r.right > inner + 0.5 || (r.left + e.scrollWidth > inner + 0.5 && getComputedStyle(e).overflowX === 'visible');
    });
    const innermost = wide.filter((e) => !wide.some((o) => o !== e && e.contains(o))).sort((a, b) => Number(clipped(a)) - Number(clipped(b)));
    const name = (e: Element) =>
      `${clipped(e) ? '(in a panel) ' : ''}${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}.${String(e.className).split(' ').slice(0, 4).join('.')} right=${Math.round(Math.max(e.getBoundingClientRect().right, e.getBoundingClientRect().left + e.scrollWidth))} "${(e.textContent ?? '').slice(0, 40)}"`;
    return { scroll: document.documentElement.scrollWidth, inner, culprits: innermost.slice(0, 5).map(name) };
  });
  expect(inner).toBe(PHONE.width);
  expect(scroll, `document.documentElement.scrollWidth; too wide: ${culprits.join(' | ')}`).toBeLessThanOrEqual(inner);
}

/** On screen (scrolled to), enabled unless said otherwise, and nothing covers it. */
async function expectReachable(action: Locator, { enabled = true } = {}) {
  await action.scrollIntoViewIfNeeded();
  await expect(action).toBeVisible();
  if (!enabled) {
    const box = await action.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    return;
  }
  await expect(action).toBeEnabled();
  await action.click({ trial: true });
  const box = await action.boundingBox();
  expect(box, 'main action has a box').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
}

async function shot(page: Page, name: string, fullPage = true) {
  // From the top, so the sticky bar is drawn where it belongs.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage });
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
      await expect(drawer.locator('a[href="/queue"]')).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/${locale}-menu.png` });
      await drawer.locator('a[href="/queue"]').click();
      await expect(page).toHaveURL(/\/queue/);
      await expect(drawer).toHaveCount(0);
    });

    test('queue with a filter: facets fold, Hold opens its dialog', async ({ page }) => {
      await page.goto(`/queue?host=${HOST}&saslUser=${encodeURIComponent(USER)}`);
      await expect(page.getByTestId('active-filters')).toContainText(USER);
      await expect(page.getByTestId('queue-list').locator('li').first()).toBeVisible();
      await expect(page.getByTestId('facet-saslUser')).toBeHidden();
      await expectNoSideScroll(page);
      await shot(page, `${locale}-queue`, false);

      await page.getByTestId('facets-toggle').click();
      await expect(page.getByTestId('facet-saslUser')).toBeVisible();
      await expectNoSideScroll(page);
      await shot(page, `${locale}-queue-facets`, false);
      await page.getByTestId('facets-toggle').click();

      await page.getByTestId('select-all-matching').click();
      const hold = page.getByTestId('queue-action-hold');
      await expectReachable(hold);
      await hold.click();
      const dialog = page.getByTestId('queue-action-dialog');
      await expect(dialog.getByTestId('preview-total')).toBeVisible({ timeout: 60_000 });
      // Many messages: the dialog asks for the count to be typed before Hold runs.
      const typed = dialog.getByTestId('confirm-input');
      if (await typed.count()) await expectReachable(typed);
      await expectReachable(dialog.getByTestId('run-action'), { enabled: false });
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
      await expectReachable(confirm.getByTestId('confirm-cancel'));
      await confirm.getByTestId('confirm-cancel').click();
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
      // Inserted just before the page opens: the watcher resolves what it does not see any more.
      const alertId = await insertTestAlert(HOST, USER);
      try {
        await page.goto('/alerts');
        const open = page.getByTestId('open-alerts');
        await expect(open.getByTestId('alert-row').first()).toBeVisible();
        await expectNoSideScroll(page);
        await expectReachable(open.getByTestId('alert-ack').first());
        await shot(page, `${locale}-alerts`);
      } finally {
        await removeTestAlert(alertId);
      }
    });
  });
}

// The same pages on a desktop, in both languages: nothing may get worse there.
test.describe('desktop, 1440×900', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test.setTimeout(180_000);
  for (const locale of ['en', 'zh'] as const) {
    test(`six pages in ${locale}, none wider than the window`, async ({ page, context }) => {
      await context.addCookies([{ name: 'mw_locale', value: locale, url: baseURL }]);
      const pages: [string, string][] = [
        ['dashboard', `/?host=${HOST}`],
        ['queue', `/queue?host=${HOST}&saslUser=${encodeURIComponent(USER)}`],
        ...(messageId ? [['message', `/queue/${messageId}?host=${HOST}`] as [string, string]] : []),
        ['incident', `/incidents/${encodeURIComponent(USER)}?host=${HOST}`],
        ['mailbox', `/mailboxes/${encodeURIComponent(USER)}`],
        ['mailboxes', '/mailboxes'],
        ['alerts', '/alerts'],
        ['audit', '/audit'],
      ];
      mkdirSync('/tmp/mw-shots/desktop', { recursive: true });
      for (const [name, url] of pages) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
        const { scroll, inner } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
        expect(scroll, name).toBeLessThanOrEqual(inner);
        await page.screenshot({ path: `/tmp/mw-shots/desktop/${locale}-${name}.png` });
      }
    });
  }
});
