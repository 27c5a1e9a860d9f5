import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { withExtmail } from './db';

// Issue 7 in the browser, against the lab's real Postfix: the assessment
// finds the seed's hole, a real forged send goes through, the fix is applied
// from the page, the same send now gets 553 (a legitimate one still 250),
// extman's disablesmtpd becomes real, and a rollback from the page brings
// the old behaviour back. The lab is left as found, whatever happens.

const run = promisify(execFile);
const MAIN_CF = '/etc/postfix/main.cf';

/** The reply swaks got to RCPT TO (or to MAIL FROM when that was refused) — LAB.md's matcher. */
async function swaks(from: string, login?: { user: string; password: string }): Promise<string> {
  const auth = login ? ['--auth', 'LOGIN', '--auth-user', login.user, '--auth-password', login.password] : [];
  const argv = ['--server', '127.0.0.1:25', '-li', '127.0.0.77', ...auth, '--from', from, '--to', 'x@qq.com', '--quit-after', 'RCPT'];
  const out = await run('swaks', argv, { timeout: 30_000 }).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }));
  const replies = out.stdout.split('\n').filter((l) => /^<[-~*]* *[0-9]{3}/.test(l) && !/ 221 /.test(l));
  return replies.at(-1)?.replace(/^<[-~*]* */, '') ?? '(no reply)';
}
const TEST1 = { user: 'test1@example.com', password: '123456' };
const INFO = { user: 'info@example.com', password: 'info123' };
const forged = () => swaks('test@yahoo.com', TEST1);

const card = (page: Page, title: string) => page.locator('section').filter({ has: page.getByRole('heading', { name: title, exact: true }) });

async function setInfoSending(page: Page, blocked: boolean) {
  // The mailboxes API when it is there (it audits); SQL otherwise.
  const res = await page.request.post('/api/mailboxes/info%40example.com/sending', { data: { blocked } });
  if (res.ok()) return;
  await withExtmail((c) => c.query('UPDATE mailbox SET disablesmtpd = ? WHERE username = ?', [blocked ? 1 : 0, INFO.user]));
}

test('hardening: find the hole, close it from the page, prove it, roll back', async ({ page }) => {
  test.setTimeout(240_000);
  const original = readFileSync(MAIN_CF, 'utf8');
  const [[infoRow]] = (await withExtmail((c) => c.query('SELECT disablesmtpd FROM mailbox WHERE username = ?', [INFO.user]))) as unknown as [
    [{ disablesmtpd: number | null }],
  ];
  let backupId: string | undefined;
  try {
    // Before: the seed's attack works (AUTH as test1, MAIL FROM someone else).
    expect(await forged()).toMatch(/^250 /);

    await page.goto('/hardening');
    const hole = page.locator('[data-testid="finding"][data-key="sender-login.missing"]');
    await expect(hole).toBeVisible({ timeout: 30_000 });
    await expect(hole).toHaveAttribute('data-severity', 'critical');
    await expect(hole.getByTestId('evidence')).toContainText('smtpd_sender_restrictions = check_sender_access hash:/etc/postfix/sender_access');
    await expect(page.locator('[data-testid="finding"][data-key="relay.ok"]')).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/hardening-assessment.png', fullPage: true });

    await page.getByTestId('fix-sender-login-maps').check();
    await page.getByTestId('fix-sasl-access').check();
    const apply = card(page, 'Apply fixes');
    await apply.getByLabel('Mailbox (for AUTH probes)').fill(TEST1.user);
    await apply.getByLabel('Password (not stored)').fill(TEST1.password);
    await apply.getByRole('button', { name: 'Preview' }).click();
    await expect(apply.getByTestId('diff')).toContainText(
      '+smtpd_sender_restrictions = check_sasl_access mysql:/etc/postfix/mailwarden_sasl_access.cf, reject_authenticated_sender_login_mismatch',
    );
    await expect(apply.getByTestId('map-file').first()).toContainText('password = ********');
    await expect(apply.getByTestId('preview')).not.toContainText('password = extmail');
    await apply.getByTestId('preview').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/hardening-preview.png', fullPage: true });

    await apply.getByRole('button', { name: 'Apply…' }).click();
    await expect(apply.getByTestId('apply-confirm')).toContainText('reload Postfix on lab');
    await apply.getByRole('button', { name: 'Apply now' }).click();
    const result = apply.getByTestId('apply-result');
    await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 90_000 });
    backupId = (await result.locator('[data-step="backup"] code').textContent())!.trim();
    await expect(result.locator('[data-testid="probe"][data-probe="forged-sender"]')).toHaveAttribute('data-passed', 'true');
    await result.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/hardening-applied.png', fullPage: true });

    // After: the same forged send is refused exactly as in the seed; a legitimate one is not.
    expect(await forged()).toBe('553 5.7.1 <test@yahoo.com>: Sender address rejected: not owned by user test1@example.com');
    expect(await swaks(TEST1.user, TEST1)).toMatch(/^250 /);
    await expect(page.locator('[data-testid="finding"][data-key="sender-login.ok"]')).toBeVisible();

    // extman's "disable SMTP" is now enforced by Postfix.
    await setInfoSending(page, true);
    expect(await swaks(INFO.user, INFO)).toBe('554 5.7.1 <info@example.com>: SASL login name rejected: sending disabled for this account');
    const probes = card(page, 'Live probes');
    for (const p of ['relay', 'forged-sender', 'own-sender']) await probes.getByTestId(`probe-${p}`).uncheck();
    await probes.getByTestId('probe-blocked-login').check();
    await probes.getByLabel('Mailbox (for AUTH probes)').fill(INFO.user);
    await probes.getByLabel('Password (not stored)').fill(INFO.password);
    await probes.getByRole('button', { name: 'Run probes' }).click();
    const blocked = probes.locator('[data-testid="probe"][data-probe="blocked-login"]');
    await expect(blocked).toHaveAttribute('data-passed', 'true', { timeout: 30_000 });
    await blocked.locator('summary').click();
    await expect(blocked.getByTestId('transcript')).toContainText('SASL login name rejected');
    await expect(blocked.getByTestId('transcript')).toContainText('AUTH PLAIN ********');
    await expect(blocked.getByTestId('transcript')).not.toContainText(Buffer.from(`\0${INFO.user}\0${INFO.password}`).toString('base64'));
    await blocked.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/hardening-probes.png', fullPage: true });

    // Roll back from the page: the old (permissive) behaviour is back.
    const row = page.locator(`[data-testid="backup"][data-backup="${backupId}"]`);
    await row.getByRole('button', { name: 'Roll back' }).click();
    await row.getByTestId('rollback-confirm').getByRole('button', { name: 'Roll back' }).click();
    await expect(page.getByTestId('rollback-result')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
    expect(readFileSync(MAIN_CF, 'utf8')).toBe(original);
    expect(await forged()).toMatch(/^250 /);
    await expect(page.locator('[data-testid="finding"][data-key="sender-login.missing"]')).toBeVisible();
    await page.getByTestId('rollback-result').scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/hardening-rolled-back.png', fullPage: true });

    // The same page for a Chinese-speaking admin.
    await page.context().addCookies([{ name: 'mw_locale', value: 'zh', url: page.url() }]);
    await page.goto('/hardening');
    await expect(page.locator('[data-testid="finding"][data-key="sender-login.missing"]')).toContainText('认证用户可以冒充任何发件人');
    await page.screenshot({ path: 'e2e/screenshots/hardening-zh.png', fullPage: true });
  } finally {
    if (readFileSync(MAIN_CF, 'utf8') !== original && backupId) {
      await page.request.post('/api/hosts/lab/hardening/rollback', { data: { backupId } });
    }
    await withExtmail((c) => c.query('UPDATE mailbox SET disablesmtpd = ? WHERE username = ?', [infoRow.disablesmtpd, INFO.user]));
  }
  expect(readFileSync(MAIN_CF, 'utf8')).toBe(original);
});
