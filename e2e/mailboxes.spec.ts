import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { clearThrottle, withExtmail } from './db';
import { SEED_HASH, smtpAuth } from './smtp-auth';
import { baseURL, POSTMASTER } from './env';

// The mailbox issue, end to end on the lab: find the stolen account, reset its
// password and prove it with a real SMTP client, block sending and see the
// honest verdict, and keep a postmaster inside his domain.

const lab = JSON.parse(readFileSync(path.resolve(__dirname, '../.lab/lab.json'), 'utf8')) as { users: Record<string, string> };
const INFO = 'info@example.com';
const INFO_PASSWORD = lab.users[INFO]!;
const INFO_HASH = SEED_HASH[INFO];
const OTHER_DOMAIN_BOX = Object.keys(lab.users).find((u) => u.endsWith('@corp.test'))!;
const ODD = "a'b%_;$(id)@example.com";

const mailboxUrl = (u: string) => `/mailboxes/${encodeURIComponent(u)}`;

test.describe.serial('mailboxes', () => {
  test('find info@ by search, reset its password, and prove it over SMTP AUTH', async ({ page }) => {
    try {
      await page.goto('/mailboxes');
      await expect(page.getByTestId('mailboxes-total')).toContainText(/\d+ mailboxes/);
      await page.getByLabel('Search by address or name').fill('info@example');
      const link = page.getByRole('link', { name: INFO, exact: true });
      await expect(link).toBeVisible();
      await expect(page.getByTestId('mailboxes-table').locator('tbody tr')).toHaveCount(1);
      await page.getByLabel('Search by address or name').fill('');
      await expect(page.getByTestId('mailboxes-table').locator('tbody tr')).not.toHaveCount(1);
      await page.screenshot({ path: 'e2e/screenshots/mailboxes-list.png', fullPage: true });
      await page.getByLabel('Search by address or name').fill('info@example');
      await link.click();

      await expect(page).toHaveURL(/\/mailboxes\/info(%40|@)example\.com$/);
      await expect(page.getByRole('heading', { name: INFO })).toBeVisible();
      await expect(page.getByTestId('old-account-hint')).toContainText(/Created \d+ years ago/);
      await expect(page.getByTestId('mailbox-quota')).toContainText('500 MiB');
      await expect(page.getByTestId('mailbox-expires')).toContainText('never');
      await expect(page.getByTestId('mailbox-aliases')).toContainText('abuse@example.com');
      // The maillog shows who really uses this account: the attacker's IP comes first.
      await expect(page.getByTestId('mailbox-login-history').locator('tbody tr').first()).toContainText('127.0.0.66');
      await expect(page.getByTestId('mailbox-queued-mail')).toBeVisible();
      await page.screenshot({ path: 'e2e/screenshots/mailbox-detail.png', fullPage: true });

      await page.getByRole('button', { name: 'Reset password' }).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByLabel('Generate a strong password')).toBeChecked();
      await dialog.getByLabel('Type a password').check();
      await dialog.getByLabel('New password').fill('info1234');
      await expect(dialog.getByTestId('strength-reasons')).toContainText('Use at least 10 characters.');
      await expect(dialog.getByRole('button', { name: 'Set the new password' })).toBeDisabled();
      await dialog.getByLabel('Generate a strong password').check();
      await page.screenshot({ path: 'e2e/screenshots/mailbox-reset-form.png' });
      await dialog.getByRole('button', { name: 'Set the new password' }).click();
      const shown = dialog.getByTestId('new-password');
      await expect(shown).toBeVisible();
      await expect(dialog).toContainText('shown only once');
      const password = await shown.inputValue();
      expect(password).toHaveLength(16);
      await page.screenshot({ path: 'e2e/screenshots/mailbox-reset-dialog.png' });

      const oldTry = await smtpAuth(INFO, INFO_PASSWORD);
      expect(oldTry.ok, oldTry.reply).toBe(false);
      expect(oldTry.reply).toMatch(/535/);
      const newTry = await smtpAuth(INFO, password);
      expect(newTry.ok, newTry.reply).toBe(true);
      expect(newTry.reply).toMatch(/235/);

      const audit = await (await page.request.get('/api/audit?action=mailbox.password.reset&target=info@example.com&ok=true&pageSize=1')).json();
      expect(audit.rows[0]).toMatchObject({ target: INFO, ok: true, params: { generated: true, scheme: 'md5-crypt' }, result: { clearpwdErased: false } });
      expect(JSON.stringify(audit)).not.toContain(password);

      await dialog.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByRole('dialog')).toHaveCount(0);
      // Shown once: after closing, the page has no trace of it.
      await expect(page.getByText(password)).toHaveCount(0);
    } finally {
      await withExtmail((c) => c.query("UPDATE mailbox SET password = ?, clearpwd = '' WHERE username = ?", [INFO_HASH, INFO]));
    }
    expect((await smtpAuth(INFO, INFO_PASSWORD)).ok).toBe(true);
  });

  test('blocking sending says plainly whether Postfix enforces it', async ({ page }) => {
    // Ground truth from the lab's own main.cf, so the verdict is checked, not assumed.
    const hardened = execFileSync(
      'postconf',
      ['-h', 'smtpd_sender_restrictions', 'smtpd_recipient_restrictions', 'smtpd_relay_restrictions', 'smtpd_client_restrictions'],
      { encoding: 'utf8' },
    ).includes('check_sasl_access');
    try {
      await page.goto(mailboxUrl(INFO));
      await expect(page.getByTestId('sending-card')).toContainText('Sending is allowed');
      await page.getByRole('button', { name: 'Block sending' }).click();
      const verdict = page.getByTestId('enforcement');
      await expect(verdict).toBeVisible({ timeout: 30_000 });
      if (hardened) {
        await expect(verdict).toHaveAttribute('data-enforced', 'true');
        await expect(verdict).toContainText('check_sasl_access');
      } else {
        await expect(verdict).toHaveAttribute('data-enforced', 'false');
        await expect(verdict).toContainText('disablesmtpd is set, but this server does not enforce it — the account can still send.');
        await expect(verdict.getByRole('link', { name: 'Install enforcement on the Hardening page' })).toHaveAttribute('href', '/hardening');
        await expect(verdict).toContainText('no check_sasl_access lookup on disablesmtpd');
      }
      await expect(page.getByRole('button', { name: 'Allow sending again' })).toBeVisible();
      await page.screenshot({ path: 'e2e/screenshots/mailbox-sending.png', fullPage: true });
      const audit = await (await page.request.get('/api/audit?action=mailbox.sending.block&target=info@example.com&pageSize=1')).json();
      expect(audit.rows[0]).toMatchObject({ action: 'mailbox.sending.block', target: INFO, ok: true });
    } finally {
      await withExtmail((c) => c.query('UPDATE mailbox SET disablesmtpd = 0 WHERE username = ?', [INFO]));
    }
  });

  test('the mailbox page speaks Chinese too', async ({ page, context }) => {
    await context.addCookies([{ name: 'mw_locale', value: 'zh', url: baseURL }]);
    await page.goto(mailboxUrl('former@example.com'));
    await expect(page.getByRole('button', { name: '重置密码' })).toBeVisible();
    await expect(page.getByTestId('old-account-hint')).toContainText('年前');
    // former@ has disablesmtpd = 1 in the seed: the page checks enforcement by itself.
    await expect(page.getByTestId('enforcement')).toBeVisible({ timeout: 30_000 });
    await page.screenshot({ path: 'e2e/screenshots/mailbox-detail-zh.png', fullPage: true });
  });

  test('odd usernames and weak passwords are refused cleanly', async ({ page }) => {
    const odd = await page.request.get(`/api/mailboxes/${encodeURIComponent(ODD)}`);
    expect(odd.status()).toBe(404);
    expect((await odd.json()).error.code).toBe('not_found');
    const oddReset = await page.request.post(`/api/mailboxes/${encodeURIComponent(ODD)}/password`, { data: { generate: true } });
    expect(oddReset.status()).toBe(404);
    const search = await page.request.get(`/api/mailboxes?q=${encodeURIComponent(ODD)}`);
    expect(search.status()).toBe(200);
    expect((await search.json()).total).toBe(0);
    expect((await page.goto(mailboxUrl(ODD)))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Mailbox not found' })).toBeVisible();

    for (const password of ['', 'info123', 'Example2024!']) {
      const weak = await page.request.post(`/api/mailboxes/${encodeURIComponent(INFO)}/password`, { data: { password } });
      expect(weak.status(), password).toBe(422);
      expect((await weak.json()).error.details.reasons.length).toBeGreaterThan(0);
    }
    // Nothing was written: the seed password still works.
    expect((await smtpAuth(INFO, INFO_PASSWORD)).ok).toBe(true);
  });

  test('a postmaster cannot reach a mailbox outside his domain, by page or by API', async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    try {
      const login = await page.request.post('/api/auth/login', { data: { username: POSTMASTER.username, password: POSTMASTER.password } });
      expect(login.status()).toBe(200);
      const res = await page.goto(mailboxUrl(OTHER_DOMAIN_BOX));
      expect(res?.status()).toBe(404);
      await expect(page.getByRole('heading', { name: 'Mailbox not found' })).toBeVisible();
      const api = (p: string) => `/api/mailboxes/${encodeURIComponent(OTHER_DOMAIN_BOX)}${p}`;
      expect((await page.request.get(api(''))).status()).toBe(404);
      expect((await page.request.get(api('/sending'))).status()).toBe(404);
      expect((await page.request.post(api('/password'), { data: { generate: true } })).status()).toBe(404);
      expect((await page.request.post(api('/sending'), { data: { blocked: true } })).status()).toBe(404);
      const list = await (await page.request.get('/api/mailboxes?domain=corp.test')).json();
      expect(list.total).toBe(0);
      const own = await (await page.request.get('/api/mailboxes?pageSize=500')).json();
      expect(own.total).toBeGreaterThan(0);
      expect(own.rows.every((r: { domain: string }) => r.domain === 'example.com')).toBe(true);
      // His own domain works, so the 404 above is the scope, not a broken page.
      expect((await page.goto(mailboxUrl(INFO)))?.status()).toBe(200);
    } finally {
      await context.close();
      await clearThrottle();
    }
  });
});
