import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { WeakPasswordsView } from '../lib/passwords/schemas';
import { clearThrottle, withExtmail } from './db';
import { SEED_HASH, smtpAuth } from './smtp-auth';
import { ADMIN, POSTMASTER } from './env';
import { assertRestored, restoreState, saveState } from './sweep-state';

// Issue 18.5, "find the next victim first", end to end on the lab: an admin
// finds the sweep from Mailboxes, runs it and watches it; it flags the seed's
// stolen account and the report's test account and none of the strong
// passwords; the page never shows a password; a flagged mailbox is reset from
// the list (preview, confirm, a new hash in extmail, audited, proved over SMTP
// AUTH); a postmaster gets neither the API nor the page. Everything it changes
// is put back, row for row: later specs log in as info@ with the seed password.

const lab = JSON.parse(readFileSync(path.resolve(__dirname, '../.lab/lab.json'), 'utf8')) as { users: Record<string, string> };
const API = '/api/mailboxes/weak-passwords';
const INFO = 'info@example.com';
const TEST1 = 'test1@example.com';
// Neither on the shipped list nor built from their login or domain (scripts/lab.d/users.tsv):
// Alice-2015!, old-user-9, Ceo-corp-1, hr-corp-2, dev-corp-3.
const STRONG = ['alice@example.com', 'former@example.com', 'ceo@corp.test', 'hr@corp.test', 'dev@corp.test'];
// The seed's hashes (SEED_HASH) are the spec's starting point whatever an earlier run left
// (a contained info@ has a generated password); what it found is put back afterwards.
// The lab's clear-text passwords; one that is part of an address (extmail) cannot be looked for in page text.
const LAB_PASSWORDS = Object.values(lab.users).filter((p) => !Object.keys(lab.users).some((u) => u.includes(p)));

const smtpAuthOk = async (user: string, password: string) => (await smtpAuth(user, password)).ok;

const storedHash = async (u: string) =>
  ((await withExtmail((c) => c.query('SELECT password FROM mailbox WHERE username = ?', [u])))[0] as { password: string }[])[0]!.password;

async function expectNoPasswordShown(page: Page, json: string) {
  const text = await page.locator('body').innerText();
  expect(text).not.toContain('info123');
  for (const p of LAB_PASSWORDS) {
    expect(text, 'page text').not.toContain(p);
    expect(json, 'API answer').not.toContain(p);
  }
  expect(json, 'API answer holds no hash').not.toMatch(/\$1\$|\$6\$|\{[A-Z0-9-]+\}/);
}

test.describe.serial('weak passwords', () => {
  test('an admin sweeps, sees info@ and test1@ flagged and no strong password, and resets info@ from the list', async ({ page }) => {
    test.setTimeout(240_000);
    const saved = await saveState([INFO, TEST1]);
    const infoLoginBefore = await smtpAuthOk(INFO, 'info123');
    const since = new Date(Date.now() - 1000).toISOString();
    try {
      await withExtmail(async (c) => {
        for (const [u, hash] of Object.entries(SEED_HASH))
          await c.query("UPDATE mailbox SET password = ?, clearpwd = '', disablesmtpd = 0 WHERE username = ?", [hash, u]);
      });
      // Found from Mailboxes, where an admin looks for mailbox work.
      await page.goto('/mailboxes');
      await page.getByTestId('weak-passwords-link').click();
      await expect(page).toHaveURL(/\/mailboxes\/weak-passwords$/);
      await expect(page.getByRole('heading', { name: 'Weak passwords' })).toBeVisible();

      const seen: { status: string; done: number }[] = [];
      page.on('response', async (r) => {
        if (new URL(r.url()).pathname !== API || r.request().method() !== 'GET') return;
        const s = ((await r.json().catch(() => null)) as WeakPasswordsView | null)?.sweep;
        if (s) seen.push({ status: s.status, done: s.done });
      });
      const t0 = Date.now();
      await page.getByRole('button', { name: 'Start a sweep' }).click();
      const progress = page.getByTestId('sweep-progress');
      await expect(progress.getByTestId('sweep-status')).toHaveText('Running');
      await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
      const total = ((await withExtmail((c) => c.query('SELECT COUNT(*) AS n FROM mailbox')))[0] as { n: number }[])[0]!.n;
      await expect(progress).toContainText(new RegExp(`\\d+ of ${total} mailboxes`));
      await expect(progress.getByRole('progressbar')).toBeVisible();
      await expect(progress.getByTestId('sweep-status')).toHaveText('Finished', { timeout: 180_000 });
      const wallSeconds = (Date.now() - t0) / 1000;
      await expect(progress).toContainText(`${total} of ${total} mailboxes`);
      await expect(page.getByRole('button', { name: 'Start a sweep' })).toBeVisible();

      const res = await page.request.get(API);
      const body = await res.text();
      const view = JSON.parse(body) as WeakPasswordsView;
      expect(view.sweep).toMatchObject({ status: 'done', total, done: total, actor: ADMIN.username });
      const flagged = view.flags.map((f) => f.username);
      console.log(
        `sweep: ${total} mailboxes in ${view.sweep!.elapsedMs} ms of sweep work (${wallSeconds.toFixed(1)} s on the page), ${view.sweep!.candidates} list candidates each plus patterns; flagged ${flagged.length}: ${flagged.join(', ')}; progress seen ${JSON.stringify(seen)}`,
      );
      expect(seen.some((s) => s.status === 'running')).toBe(true);

      // The two the issue names, with the reason and never the password.
      await expect(page.getByTestId(`weak-row-${INFO}`)).toContainText('login + digits');
      await expect(page.getByTestId(`weak-row-${TEST1}`)).toContainText('common list #1');
      expect(view.flags.find((f) => f.username === INFO)?.finding).toEqual({ source: 'pattern', pattern: 'login+digits' });
      expect(view.flags.find((f) => f.username === TEST1)?.finding).toEqual({ source: 'common', rank: 1 });
      for (const u of STRONG) {
        expect(flagged, u).not.toContain(u);
        await expect(page.getByTestId(`weak-row-${u}`)).toHaveCount(0);
      }
      await expect(page.getByTestId('weak-table').locator('tbody tr')).toHaveCount(flagged.length);
      await expectNoPasswordShown(page, body);

      await page.setViewportSize({ width: 1280, height: 900 });
      await page.screenshot({ path: 'e2e/screenshots/weak-passwords-desktop.png', fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: 'e2e/screenshots/weak-passwords-phone.png', fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });

      // Reset from the list: preview (the dialog), then confirm.
      const before = await storedHash(INFO);
      await page.getByTestId(`weak-row-${INFO}`).getByRole('button', { name: 'Reset' }).click();
      const dialog = page.getByTestId('weak-confirm');
      await expect(dialog).toContainText('Reset the password of 1 mailbox?');
      await expect(dialog).toContainText(INFO);
      await dialog.getByRole('button', { name: 'Do it for 1' }).click();
      const done = page.getByTestId('weak-done');
      await expect(done).toContainText('Done: 1 of 1');
      const password = (await done.getByTestId('weak-new-password').innerText()).trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      await expect(page.getByTestId(`weak-row-${INFO}`)).toContainText(`reset by ${ADMIN.username}`);

      const after = await storedHash(INFO);
      expect(after).not.toBe(before);
      expect(after).toMatch(/^\$1\$/);
      expect(await smtpAuthOk(INFO, 'info123')).toBe(false);
      expect(await smtpAuthOk(INFO, password)).toBe(true);

      const audit = async (action: string) =>
        (await (await page.request.get(`/api/audit?action=${action}&target=${encodeURIComponent(INFO)}&from=${since}&pageSize=5`)).json()) as {
          rows: { target: string; ok: boolean; params: Record<string, unknown> }[];
        };
      const reset = await audit('mailbox.password.reset');
      expect(reset.rows[0]).toMatchObject({ target: INFO, ok: true, params: { generated: true, via: 'weak-password-sweep', finding: 'login+digits' } });
      expect(JSON.stringify(reset)).not.toContain(password);
      const bulk = (await (await page.request.get(`/api/audit?action=mailbox.password.weak.reset&from=${since}&pageSize=5`)).json()) as {
        rows: { ok: boolean; params: { usernames: string[] } }[];
      };
      expect(bulk.rows[0]).toMatchObject({ ok: true, params: { count: 1, usernames: [INFO] } });
      const sweepAudit = (await (await page.request.get(`/api/audit?action=mailbox.password.sweep.start&from=${since}&pageSize=5`)).json()) as {
        rows: { ok: boolean }[];
      };
      expect(sweepAudit.rows[0]?.ok).toBe(true);

      await done.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByText(password)).toHaveCount(0);
      await expect(page.locator('body')).not.toContainText('info123');
    } finally {
      // A sweep still running (a failure above) would write on after the restore.
      const status = async () => ((await (await page.request.get(API)).json()) as WeakPasswordsView).sweep?.status ?? 'none';
      const busy = /^(running|cancelling)$/;
      if (busy.test(await status().catch(() => 'none'))) {
        await page.request.delete(`${API}/sweep`).catch(() => undefined);
        await expect
          .poll(status, { timeout: 30_000 })
          .not.toMatch(busy)
          .catch(() => undefined);
      }
      await restoreState(saved);
    }
    await assertRestored(saved);
    // Over SMTP too: info@ logs in with the seed password exactly when it did before.
    expect(await smtpAuthOk(INFO, 'info123')).toBe(infoLoginBefore);
  });

  test.describe('as a postmaster', () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    test('gets 403 from every weak-password route and no page', async ({ page }) => {
      try {
        expect((await page.request.post('/api/auth/login', { data: POSTMASTER })).status()).toBe(200);
        const body = { action: 'reset', usernames: [INFO] };
        const answers = [
          await page.request.get(API),
          await page.request.post(`${API}/sweep`, { data: { resume: false } }),
          await page.request.delete(`${API}/sweep`),
          await page.request.post(`${API}/preview`, { data: body }),
          await page.request.post(`${API}/apply`, { data: { ...body, expectCount: 1 } }),
        ];
        for (const r of answers) {
          expect(r.status(), r.url()).toBe(403);
          expect(((await r.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        }
        const res = await page.goto('/mailboxes/weak-passwords');
        expect(res?.status()).not.toBe(200);
        await expect(page.getByRole('button', { name: 'Start a sweep' })).toHaveCount(0);
        await expect(page.getByTestId('sweep-progress')).toHaveCount(0);
        // His Mailboxes page works and offers no link to it.
        expect((await page.goto('/mailboxes'))?.status()).toBe(200);
        await expect(page.getByTestId('mailboxes-total')).toBeVisible();
        await expect(page.getByTestId('weak-passwords-link')).toHaveCount(0);
      } finally {
        await clearThrottle();
      }
    });
  });
});
