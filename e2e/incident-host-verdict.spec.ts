import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { withDb, withExtmail } from './db';
import { POSTMASTER } from './env';

// Issue 16.8 on the incident page: a host that does not answer (its SSH port
// closed) is "unknown" there — in the Block card, and after a postmaster's
// block — never "Postfix does not refuse this login" / "can still send". The
// host is a copy of the lab's row on a port nothing listens on; it, the
// incident it opened and test1@'s disablesmtpd are put back in finally.

const USER = 'test1@example.com';

test('a host that does not answer is unknown on the incident page, not "can still send"', async ({ browser, page }) => {
  test.setTimeout(180_000);
  const host = `e2e-silent-${randomBytes(3).toString('hex')}`;
  const [[before]] = (await withExtmail((c) => c.query('SELECT disablesmtpd FROM mailbox WHERE username = ?', [USER]))) as unknown as [
    [{ disablesmtpd: number }],
  ];
  const pm = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    await withDb((c) =>
      c.query(
        `INSERT INTO mw_host (name, address, port, username, private_key_sealed, use_sudo, maillog_paths, host_key_sha256, updated_at)
         SELECT ?, '127.0.0.1', 1, username, private_key_sealed, use_sudo, maillog_paths, host_key_sha256, NOW(3) FROM mw_host WHERE name = 'lab'`,
        [host],
      ),
    );

    // The administrator's preview: the enforcement and whether the map is installed are unknown, said so.
    await page.goto(`/incidents/${encodeURIComponent(USER)}?host=${host}`);
    const contain = page.getByTestId('step-contain');
    await expect(contain.getByTestId('enforcement').locator('[data-enforced]')).toHaveAttribute('data-enforced', 'unknown', { timeout: 60_000 });
    await expect(contain.getByTestId('contain-preview')).toContainText(`whether ${host} already consults it is unknown`);
    await expect(contain).not.toContainText(/can still send|does not refuse/i);
    await page.screenshot({ path: 'e2e/screenshots/incident-host-unknown-admin.png', fullPage: true });

    // A postmaster's block: extman's flag is set, and Postfix on the silent host is unknown — not "does not refuse".
    await withDb((c) => c.query('DELETE FROM mw_login_throttle'));
    const p = await pm.newPage();
    await p.goto('/login');
    await p.getByLabel(/manager account/i).fill(POSTMASTER.username);
    await p.getByLabel(/^password/i).fill(POSTMASTER.password);
    await p.getByRole('button', { name: /sign in/i }).click();
    await expect(p.getByTestId('current-user')).toHaveText(POSTMASTER.username);
    await p.goto(`/incidents/${encodeURIComponent(USER)}?host=${host}`);
    const step = p.getByTestId('step-contain');
    await expect(step.getByTestId('enforcement').locator('[data-enforced]')).toHaveAttribute('data-enforced', 'unknown', { timeout: 60_000 });
    await step.getByTestId('contain-preview').getByRole('button', { name: 'Block sending' }).click();
    await p.getByTestId('contain-confirm').getByTestId('confirm-yes').click();
    const banner = step.getByTestId('contained');
    await expect(banner).toHaveAttribute('data-state', 'unknown', { timeout: 60_000 });
    await expect(banner).toContainText(`whether Postfix on ${host} refuses the login is unknown`);
    await expect(step).not.toContainText(/can still send|does not refuse/i);
    await expect(step.getByTestId('block-result').locator('[data-enforced]')).toHaveAttribute('data-enforced', 'unknown');
    await p.screenshot({ path: 'e2e/screenshots/incident-host-unknown-postmaster.png', fullPage: true });
  } finally {
    await pm.close();
    await withExtmail((c) => c.query('UPDATE mailbox SET disablesmtpd = ? WHERE username = ?', [before.disablesmtpd, USER]));
    await withDb(async (c) => {
      for (const table of ['mw_incident', 'mw_sasl_block', 'mw_alert', 'mw_watch_state', 'mw_watch_rule', 'mw_queue_scan'])
        await c.query(`DELETE FROM ${table} WHERE host = ?`, [host]);
      await c.query('DELETE FROM mw_host WHERE name = ?', [host]);
    });
  }
});
