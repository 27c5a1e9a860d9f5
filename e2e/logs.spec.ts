import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { POSTMASTER } from './env';

// The maillog page on the lab, in Chromium: who logged in as the stolen
// account and from where, who is guessing passwords, who refuses our mail,
// one message traced to its bounce, and the live tail. The lab's log must
// hold a `scripts/lab attack` run; it is replayed here if it does not.

const ATTACKER_USER = 'info@example.com';
const ATTACKER_IP = '127.0.0.66';
const SCANNER_IP = '127.0.0.99';
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });

test.beforeAll(() => {
  const log = readFileSync('/var/log/maillog', 'utf8');
  if (
    !log.includes(`[${ATTACKER_IP}], sasl_method=LOGIN, sasl_username=${ATTACKER_USER}`) ||
    !log.includes(`[${SCANNER_IP}]: SASL LOGIN authentication failed`)
  ) {
    execFileSync('bash', ['scripts/lab', 'attack'], { stdio: 'inherit' });
  }
});

test.describe('mail log', () => {
  test.setTimeout(120_000);

  test('logins: the stolen account first, 127.0.0.66 its top IP, forged senders shown', async ({ page }) => {
    await page.goto('/logs?host=lab');
    const first = page.getByTestId('login-row').first();
    await expect(first).toHaveAttribute('data-user', ATTACKER_USER, { timeout: 60_000 });
    await expect(page.getByTestId('logins-timeline').locator('rect').first()).toBeVisible();
    await first.getByRole('button', { name: ATTACKER_USER }).click();
    await expect(page.getByTestId('login-detail-user')).toHaveText(ATTACKER_USER);
    await expect(page.getByTestId('ip-row').first()).toContainText(ATTACKER_IP, { timeout: 60_000 });
    await expect(page.getByTestId('detail-other-senders')).not.toContainText(/^\D*0$/);
    await expect(page.getByTestId('sender-list')).toBeVisible();
    await expect(page).toHaveURL(/tab=logins.*user=info%40example\.com/);
    // The attack lasted minutes out of the week shown: zoomed in, it spreads over several bars.
    const timeline = page.getByTestId('user-timeline');
    await timeline.getByRole('button').click();
    await expect.poll(() => timeline.locator('rect').count()).toBeGreaterThan(1);
    await shot(page, 'logs-logins');
  });

  test('brute force: 127.0.0.99 on top, with a fail2ban suggestion', async ({ page }) => {
    await page.goto('/logs?host=lab&tab=bruteforce');
    await expect(page.getByTestId('brute-ip-row').first()).toHaveAttribute('data-ip', SCANNER_IP, { timeout: 60_000 });
    await expect(page.getByTestId('brute-failures')).not.toContainText(/^\D*0$/);
    await expect(page.getByTestId('suggest-fail2ban')).toContainText('[postfix-sasl]');
    await expect(page.getByTestId('suggest-cidr')).toContainText(`${SCANNER_IP}/32`);
    await shot(page, 'logs-bruteforce');
  });

  test('who blocks us: the smtp-sink 554 grouped with its reply, badged Spamhaus, traced to the message', async ({ page }) => {
    await page.goto('/logs?host=lab&tab=blocks');
    const group = page.getByTestId('block-group').filter({ hasText: 'zen.spamhaus.org' }).first();
    await expect(group).toBeVisible({ timeout: 60_000 });
    await expect(group).toHaveAttribute('data-site', '127.0.0.1');
    await expect(group.getByTestId('block-badge')).toHaveText('Spamhaus');
    await expect(group.getByTestId('block-reply')).toContainText('554 5.7.1 Service unavailable; Client host [<ip>] blocked using zen.spamhaus.org');
    await expect(group.getByTestId('block-link')).toHaveAttribute('href', /^https:\/\/www\.spamhaus\.org\//);
    await shot(page, 'logs-blocks');

    const id = (await group.getByTestId('block-queue-id').first().textContent())!.trim();
    await group.getByTestId('block-queue-id').first().click();
    await expect(page.getByTestId('tab-trace')).toHaveAttribute('aria-selected', 'true');
    const msg = page.locator(`[data-testid="trace-message"][data-queue-id="${id}"]`);
    await expect(msg).toBeVisible({ timeout: 60_000 });
    await expect(msg.getByTestId('trace-lines')).toContainText('refused to talk to me: 554 5.7.1');
    await shot(page, 'logs-trace');
  });

  test('search finds the raw lines of the scanner, newest kept', async ({ page }) => {
    await page.goto('/logs?host=lab&tab=search');
    await page.getByTestId('search-input').fill(SCANNER_IP);
    await page.getByTestId('search-input').press('Enter');
    const lines = page.getByTestId('search-lines');
    await expect(lines).toContainText(`[${SCANNER_IP}]: SASL LOGIN authentication failed`, { timeout: 60_000 });
    const texts = await lines.locator('div[data-kind]').allTextContents();
    expect(texts.every((l) => l.includes(SCANNER_IP))).toBe(true);
    await shot(page, 'logs-search');
  });

  test('live tail streams new lines as Postfix writes them', async ({ page }) => {
    await page.goto('/logs?host=lab&tab=tail');
    await expect(page.getByTestId('tail-status')).toHaveAttribute('data-status', 'live', { timeout: 30_000 });
    const marker = `mailwarden-e2e-${Date.now()}`;
    execFileSync('postlog', ['-t', 'postfix/mailwarden-e2e', marker]);
    await expect(page.getByTestId('tail-lines')).toContainText(marker, { timeout: 20_000 });
    await shot(page, 'logs-tail');
    await page.getByTestId('tail-toggle').click();
    await expect(page.getByTestId('tail-status')).toHaveAttribute('data-status', 'ended');
  });

  test('in Chinese: the same views, every label translated', async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'mw_locale', value: 'zh', url: baseURL! }]);
    await page.goto('/logs?host=lab&tab=bruteforce');
    await expect(page.getByRole('tab', { name: '暴力破解' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('brute-ip-row').first()).toHaveAttribute('data-ip', SCANNER_IP, { timeout: 60_000 });
    await expect(page.getByText('按客户端 IP')).toBeVisible();
    await shot(page, 'logs-bruteforce-zh');
  });

  test('a postmaster sees only his domain’s users, and neither raw search nor tail', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    try {
      expect((await page.request.post('/api/auth/login', { data: { username: POSTMASTER.username, password: POSTMASTER.password } })).status()).toBe(200);
      await page.goto('/logs?host=lab');
      await expect(page.getByTestId('login-row').first()).toBeVisible({ timeout: 60_000 });
      const users = await page.getByTestId('login-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-user')));
      expect(users.length).toBeGreaterThan(0);
      expect(users.every((u) => u!.endsWith('@example.com'))).toBe(true);
      await expect(page.getByTestId('tab-search')).toHaveCount(0);
      await expect(page.getByTestId('tab-tail')).toHaveCount(0);
      expect((await page.request.get('/api/hosts/lab/logs/tail')).status()).toBe(403);
      expect((await page.request.get('/api/hosts/lab/logs/logins?user=ceo%40corp.test')).status()).toBe(404);
    } finally {
      await context.close();
    }
  });
});
