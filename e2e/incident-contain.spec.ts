import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { withExtmail } from './db';
import { smtpSession } from './smtp-auth';

// Issue 16, items 1-4 and 6: Contain means contained. From the dashboard, at
// most 4 clicks, no reload and no visit to Harden, Postfix refuses the
// stolen login — proved by a live SMTP AUTH from outside mynetworks — and its
// queued mail is on hold; a login with no mailbox row (a Dovecot passwd-file
// user) is contained the same way; /incidents lists both, closes and reopens.
// The lab is put back in `finally`: blocks lifted, main.cf rolled back, held
// mail released (or the test's own deleted), passwords restored.

const run = promisify(execFile);
const INFO = 'info@example.com';
const NOBOX = { user: 'app-relay@example.com', password: 'AppRelay-2019' };
const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/screenshots/incident-contain-${name}.png`, fullPage: true });

/** One SMTP session as the login from 127.0.0.78 (outside mynetworks): the last reply (e2e/smtp-auth.ts). */
const smtpAs = (user: string, password: string, from = user, send = false) => smtpSession(user, password, { from, send, source: '127.0.0.78' });

async function freshIndex(page: Page) {
  await page.request.post('/api/hosts/lab/queue/scan', { data: { mode: 'refresh' } });
  await expect
    .poll(async () => ((await (await page.request.get('/api/hosts/lab/queue/scan')).json()) as { scan: { status: string } }).scan.status, { timeout: 180_000 })
    .toBe('done');
}

async function queued(page: Page, filter: Record<string, string>): Promise<number> {
  const res = await page.request.get(`/api/hosts/lab/queue?${new URLSearchParams({ ...filter, pageSize: '1' })}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { total: number }).total;
}

/** Lifts a block and puts main.cf back as it was before the block installed the map. */
async function restoreBlock(page: Page, login: string, backupId: string | null) {
  await page.request.delete(`/api/incidents/${encodeURIComponent(login)}/block?host=lab`);
  if (backupId) await page.request.post('/api/hosts/lab/hardening/rollback', { data: { backupId } });
}

test.describe.configure({ mode: 'serial' });

test('contain: one confirmation, Postfix refuses the login at once (live SMTP), its mail on hold — ≤ 4 clicks, no reload, no Harden', async ({ page }) => {
  test.setTimeout(15 * 60_000);
  await run('bash', ['scripts/lab', 'attack', '--if-needed'], { timeout: 600_000 });
  const [[before]] = (await withExtmail((c) => c.query('SELECT password, disablesmtpd FROM mailbox WHERE username = ?', [INFO]))) as unknown as [
    [{ password: string; disablesmtpd: number }],
  ];
  let backupId: string | null = null;
  let contained = false;
  let clicks = 0;
  let loads = 0;
  const click = async (l: Locator) => {
    clicks++;
    await l.click();
  };
  try {
    await page.goto('/?host=lab');
    page.on('load', () => loads++);
    const top = page.locator(`[data-testid="suspect"][data-user="${INFO}"]`).first();
    await expect(top).toBeVisible({ timeout: 120_000 });
    const t0 = Date.now();
    await click(top.getByTestId('respond'));
    const contain = page.getByTestId('step-contain');
    await expect(contain.getByTestId('hold-preview')).toBeVisible({ timeout: 300_000 });
    expect(Number(await contain.getByTestId('hold-preview').getAttribute('data-total'))).toBeGreaterThan(0);
    await click(contain.getByTestId('contain-now'));
    // The confirmation is a dialog in view, whatever the scroll position.
    const dialog = page.getByTestId('contain-confirm');
    await expect(dialog).toBeInViewport();
    await shot(page, 'confirm');
    await click(dialog.getByTestId('confirm-yes'));
    await expect(contain.getByTestId('contained')).toHaveAttribute('data-state', 'contained', { timeout: 600_000 });
    contained = true;
    const seconds = (Date.now() - t0) / 1000;
    expect(clicks, 'clicks from the dashboard to contained').toBeLessThanOrEqual(4);
    expect(loads, 'page loads after the dashboard').toBe(0);
    const installed = contain.getByTestId('installed');
    if (await installed.count()) backupId = await installed.getAttribute('data-backup');
    const proof = contain.getByTestId('block-proof').locator('[data-live]');
    await expect(proof).toHaveAttribute('data-live', 'true');
    await expect(proof).toHaveAttribute('data-refused', 'true');
    await expect(contain.getByTestId('hold-result')).toHaveAttribute('data-ok', 'true');
    await shot(page, 'contained');
    test.info().annotations.push({ type: 'contained', description: `${seconds.toFixed(1)} s, ${clicks} clicks` });

    // Our own live attempt, with the new password, from outside mynetworks: refused by the block.
    const password = (await contain.getByTestId('new-password').textContent())!.trim();
    expect(await smtpAs(INFO, password)).toMatch(/^554 5\.7\.1 .*SASL login name rejected/);
    expect(await smtpAs(INFO, password, 'someone@yahoo.com')).toMatch(/^5\d\d /);
    await freshIndex(page);
    expect(await queued(page, { saslUser: INFO, queue: 'deferred' })).toBe(0);
    expect(await queued(page, { saslUser: INFO, queue: 'active' })).toBe(0);

    // Nothing stale: Clean already offers what the hold put there, without a reload.
    const clean = page.getByTestId('step-clean');
    await expect(clean.getByTestId('delete-preview')).toBeVisible({ timeout: 60_000 });
    expect(Number(await clean.getByTestId('delete-preview').getAttribute('data-total'))).toBeGreaterThan(0);
    await expect(page.getByTestId('step-harden')).not.toHaveAttribute('data-state', 'done');
    expect(loads).toBe(0);

    // The incident is a record: listed open, closed with a note, reopened.
    await page.goto('/incidents');
    const rec = page.locator(`[data-testid="incident-record"][data-user="${INFO}"]`).first();
    await expect(rec).toHaveAttribute('data-state', 'open');
    // Its progress is the incident page's: contained, nothing cleaned yet.
    await expect(rec.getByTestId('record-progress').locator('[data-phase="contained"]')).toHaveAttribute('data-done', 'true');
    await expect(rec.getByTestId('record-progress').locator('[data-phase="cleaned"]')).toHaveAttribute('data-done', 'false');
    await rec.locator('summary').click();
    for (const step of ['block', 'reset', 'hold', 'proof']) await expect(rec.locator(`[data-step="${step}"]`).first()).toBeVisible();
    await shot(page, 'incidents');
    await rec.getByTestId('close-incident').click();
    await page.getByTestId('close-note-input').fill('contained in the e2e test');
    await page.getByTestId('close-confirm').getByTestId('confirm-yes').click();
    await page.getByTestId('filter-closed').click();
    const closed = page.locator(`[data-testid="incident-record"][data-user="${INFO}"]`).first();
    await expect(closed.getByTestId('close-note')).toContainText('contained in the e2e test');
    await closed.getByTestId('reopen-incident').click();
    await page.getByTestId('filter-open').click();
    await expect(page.locator(`[data-testid="incident-record"][data-user="${INFO}"]`).first()).toHaveAttribute('data-state', 'open');
  } finally {
    await restoreBlock(page, INFO, backupId);
    await page.request.post(`/api/mailboxes/${encodeURIComponent(INFO)}/sending`, { data: { blocked: false } });
    await withExtmail((c) => c.query('UPDATE mailbox SET password = ?, disablesmtpd = ? WHERE username = ?', [before.password, before.disablesmtpd, INFO]));
    if (contained)
      await page.request.post('/api/hosts/lab/queue/actions', { data: { action: 'release', filter: { saslUser: INFO, queue: 'hold' }, confirm: INFO } });
    // Close what this test opened, so the next run opens its own.
    const list = (await (await page.request.get('/api/incidents/records?state=open')).json()) as { incidents: { id: string; username: string }[] };
    for (const r of list.incidents.filter((i) => i.username === INFO))
      await page.request.patch(`/api/incidents/records/${r.id}`, { data: { action: 'close', note: 'e2e cleanup' } });
  }
  // The stolen login sends again, as the seed's lab has it.
  expect(await smtpAs(INFO, 'info123', INFO)).toMatch(/^250 /);
});

test('contain: a login with no mailbox row is blocked by name, proved live in Verify', async ({ page }) => {
  test.setTimeout(10 * 60_000);
  let backupId: string | null = null;
  // An earlier run that stopped half-way leaves its incident open, and with it a verify that passed then.
  const stale = (await (await page.request.get('/api/incidents/records?state=open')).json()) as { incidents: { id: string; username: string }[] };
  for (const r of stale.incidents.filter((i) => i.username === NOBOX.user))
    await page.request.patch(`/api/incidents/records/${r.id}`, { data: { action: 'close', note: 'e2e: an earlier run left it open' } });
  try {
    // Its traffic: forged senders from a client outside mynetworks, deferred by the lab's refusing relay.
    for (let i = 0; i < 5; i++) expect(await smtpAs(NOBOX.user, NOBOX.password, `spam${i}@yahoo.com`, true)).toMatch(/^250 .*queued/);
    await freshIndex(page);
    expect(await queued(page, { saslUser: NOBOX.user })).toBeGreaterThanOrEqual(5);
    await page.goto(`/incidents/${encodeURIComponent(NOBOX.user)}?host=lab`);
    const contain = page.getByTestId('step-contain');
    await expect(contain.getByTestId('no-mailbox')).toBeVisible({ timeout: 120_000 });
    await expect(contain.getByTestId('hold-preview')).toBeVisible({ timeout: 300_000 });
    await contain.getByTestId('contain-now').click();
    await page.getByTestId('contain-confirm').getByTestId('confirm-yes').click();
    await expect(contain.getByTestId('contained')).toHaveAttribute('data-state', 'contained', { timeout: 300_000 });
    const installed = contain.getByTestId('installed');
    if (await installed.count()) backupId = await installed.getAttribute('data-backup');
    // No password known: Postfix's own lookup, said as such.
    await expect(contain.getByTestId('block-proof').locator('[data-live]')).toHaveAttribute('data-live', 'false');
    expect(await smtpAs(NOBOX.user, NOBOX.password)).toMatch(/^554 5\.7\.1 .*SASL login name rejected/);
    await shot(page, 'nobox-contained');

    // Verify: without a password nothing is marked done; with one, the live probe.
    await page.getByTestId('step-clean').getByRole('button', { name: /skip/i }).first().click();
    await page.getByTestId('step-harden').getByRole('button', { name: /skip/i }).first().click();
    const verify = page.getByTestId('step-verify');
    await verify.getByTestId('run-probes').click();
    await expect(verify.getByTestId('probes-result')).toHaveAttribute('data-untested', 'true', { timeout: 120_000 });
    await expect(verify).not.toHaveAttribute('data-state', 'done');
    await verify.getByTestId('login-password').fill(NOBOX.password);
    await verify.getByTestId('run-probes').click();
    await expect(verify.getByTestId('probes-result')).toHaveAttribute('data-untested', 'false', { timeout: 120_000 });
    await expect(verify.locator('[data-probe="blocked-login"][data-login="account"]')).toHaveAttribute('data-passed', 'true');
    await expect(verify).toHaveAttribute('data-state', 'done');
    await shot(page, 'nobox-verified');
    await page.goto('/incidents');
    await expect(page.locator(`[data-testid="incident-record"][data-user="${NOBOX.user}"]`).first()).toHaveAttribute('data-state', 'open');
  } finally {
    await restoreBlock(page, NOBOX.user, backupId);
    await page.request.post('/api/hosts/lab/queue/actions', { data: { action: 'delete', filter: { saslUser: NOBOX.user }, confirm: NOBOX.user } });
    const list = (await (await page.request.get('/api/incidents/records?state=open')).json()) as { incidents: { id: string; username: string }[] };
    for (const r of list.incidents.filter((i) => i.username === NOBOX.user))
      await page.request.patch(`/api/incidents/records/${r.id}`, { data: { action: 'close', note: 'e2e cleanup' } });
  }
});
