import { execFile, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { withDb } from './db';

// Issue 18 end to end on the lab: a per-login limit applied from Hardening
// (postfwd on the mail host, main.cf through the safe path), a short botnet
// replay (`scripts/lab attack --spam N`) gets exactly the limit through for
// info@example.com, the page shows it limited, an alert names it. Afterwards
// the lab is as before: limits removed, main.cf rolled back, postfwd stopped,
// the test's queued mail deleted, the alert resolved, the watch rules restored.

const ROOT = path.resolve(__dirname, '..');
const HOST = 'lab';
const INFO = 'info@example.com';
const LIMIT = 5;
const SPAM = 15;
const MAILLOG = '/var/log/maillog';
const run = promisify(execFile);
const mainSha = () => createHash('sha256').update(readFileSync('/etc/postfix/main.cf')).digest('hex');
const logSince = (offset: number) => readFileSync(MAILLOG).subarray(offset).toString('utf8').split('\n');

type Alert = { id: number; rule: string; key: string; summary?: string };
async function limitAlert(request: APIRequestContext): Promise<Alert | undefined> {
  const { alerts } = (await (await request.get('/api/alerts?state=active')).json()) as { alerts: Alert[] };
  return alerts.find((a) => a.rule === 'sasl-limit-hit' && a.key === INFO);
}
type WatchStatus = { watched: boolean; followState: string; lastError: string | null };
const watchStatus = async (request: APIRequestContext) => ((await (await request.get(`/api/hosts/${HOST}/watch`)).json()) as { status: WatchStatus }).status;
const resolveLimitAlerts = () =>
  withDb((c) =>
    c.query("UPDATE mw_alert SET state = 'resolved', resolved_at = NOW(3) WHERE host = ? AND rule = 'sasl-limit-hit' AND state IN ('open', 'acknowledged')", [
      HOST,
    ]),
  );

test('a per-login limit from Hardening holds the botnet to it; the page and an alert name the login', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const request = page.request;
  const before = mainSha();
  const watchBefore = await (await request.get(`/api/hosts/${HOST}/watch`)).json();
  let backupId: string | undefined;
  let offset = 0;
  try {
    // postfwd logs through syslog; the lab's relay puts its lines in the maillog.
    await run('bash', ['scripts/lab', 'syslog'], { cwd: ROOT });
    await resolveLimitAlerts();
    // The form starts from what the console last applied to the lab; this test starts from nothing.
    await withDb((c) => c.query('DELETE FROM mw_sending_limits WHERE host = ?', [HOST]));
    const rules = {
      ...watchBefore.rules,
      intervalSeconds: Math.max(10, watchBefore.minIntervalSeconds as number),
      alerting: { ...watchBefore.rules.alerting, cooldownMinutes: 0 },
    };
    expect((await request.put(`/api/hosts/${HOST}/watch`, { data: { rules } })).status()).toBe(200);
    // The alert comes from the console's watcher: it must be following the lab's maillog before the attack.
    await expect.poll(() => watchStatus(request), { timeout: 60_000 }).toMatchObject({ watched: true, followState: 'following' });

    await page.goto(`/hardening?host=${HOST}`);
    const limits = page.getByTestId('limits');
    await expect(limits.getByTestId('limits-form')).toBeVisible({ timeout: 60_000 });
    // Letting mail through while the service is down is the default, and said so.
    await expect(limits.getByRole('radio', { name: /Let mail through/ })).toBeChecked();
    await limits.getByRole('button', { name: 'Add a login' }).click();
    const row = limits.getByTestId('limits-overrides-row').last();
    await row.getByLabel('Login', { exact: true }).fill(INFO);
    await row.getByLabel(`${INFO}: Messages per hour`).fill(String(LIMIT));
    await limits.getByRole('button', { name: 'Preview' }).click();
    const preview = limits.getByTestId('limits-preview');
    await expect(preview.getByTestId('diff')).toContainText('+smtpd_end_of_data_restrictions = check_policy_service inet:127.0.0.1:10041');
    await expect(preview.getByTestId('limits-ruleset')).toContainText(
      `sasl_username==${INFO}; protocol_state==END-OF-MESSAGE; action=rate(sasl_username/${LIMIT}/3600/`,
    );
    await limits.screenshot({ path: 'e2e/screenshots/limits-preview.png' });
    await limits.getByRole('button', { name: 'Apply…' }).click();
    await limits.getByTestId('limits-confirm').getByRole('button', { name: 'Yes, do it' }).click();
    const result = limits.getByTestId('limits-result');
    await expect(result).toHaveAttribute('data-ok', 'true', { timeout: 120_000 });
    backupId = /Backup (\S+) holds/.exec((await result.textContent()) ?? '')?.[1];
    expect(backupId).toBeTruthy();

    // Counters from earlier runs (postfwd keeps them across restarts) start from 0.
    expect((await request.post(`/api/hosts/${HOST}/limits/lift`, { data: { login: INFO } })).status()).toBe(200);
    offset = statSync(MAILLOG).size;
    await run('bash', ['scripts/lab', 'attack', '--spam', String(SPAM)], { cwd: ROOT, timeout: 4 * 60_000 });

    // Postfix's own words: LIMIT of info's messages queued, the rest refused at end of data.
    const lines = logSince(offset);
    const queued = new Set(
      lines
        .filter((l) => l.includes(`sasl_username=${INFO}`))
        .map((l) => /: ([0-9A-F]{6,}): client=/.exec(l)?.[1])
        .filter(Boolean),
    );
    const refused = lines.filter(
      (l) => l.includes('End-of-data rejected: sending limit reached: messages per hour') && [...queued].some((id) => l.includes(`${id}: reject:`)),
    );
    const accepted = [...queued].filter((id) => !refused.some((l) => l.includes(`${id}: reject:`)));
    console.log(`[limits.spec] ${SPAM} spam sessions as ${INFO}: ${accepted.length} accepted, ${refused.length} refused (limit ${LIMIT})`);
    expect(accepted.length).toBe(LIMIT);
    expect(refused.length).toBe(SPAM - LIMIT);
    expect(refused[0]).toContain('450 4.7.1');

    // postfwd's own lines (through syslog into the maillog) are what the watcher reads for the alert.
    const limitHitLines = () => logSince(offset).filter((l) => /postfwd[^:]*: \[RULES\] /.test(l) && l.includes(`user=${INFO},`) && l.includes(', rate='));
    await expect
      .poll(() => limitHitLines().length, {
        timeout: 15_000,
        message: "postfwd's limit-hit lines reach the maillog (the lab's syslog relay: scripts/lab syslog)",
      })
      .toBeGreaterThanOrEqual(SPAM - LIMIT);

    // The page: info@example.com limited, refused now.
    await page.goto(`/hardening?host=${HOST}&user=${encodeURIComponent(INFO)}#limits`);
    const login = page.getByTestId('limits-login').and(page.locator(`[data-login="${INFO}"]`));
    await expect(login).toHaveAttribute('data-refused', 'true', { timeout: 60_000 });
    await expect(login.getByTestId('limited')).toBeVisible();
    await expect(login).toContainText(`${LIMIT} / ${LIMIT}`);

    // The watcher reads postfwd's limit-hit lines and raises the rule naming the login.
    await expect
      .poll(async () => (await limitAlert(request))?.key, { timeout: 120_000, intervals: [2000] })
      .toBe(INFO)
      .catch(async (err: unknown) => {
        console.log(`[limits.spec] no alert; the watch: ${JSON.stringify(await watchStatus(request))}`);
        throw err;
      });
    await page.goto('/alerts');
    await expect(page.getByTestId('open-alerts').locator(`[data-rule="sasl-limit-hit"][data-key="${INFO}"]`)).toContainText(INFO);

    await page.goto(`/hardening?host=${HOST}&user=${encodeURIComponent(INFO)}`);
    await expect(login).toHaveAttribute('data-refused', 'true', { timeout: 60_000 });
    await page.getByTestId('limits').screenshot({ path: 'e2e/screenshots/limits-desktop.png' });
    await page.setViewportSize({ width: 390, height: 844 });
    await login.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/screenshots/limits-phone.png' });
    // Nothing of the limits section reaches past the phone's width.
    const wide = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const all = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > w + 1 && getComputedStyle(e).position !== 'fixed');
      const desc = (e: Element) =>
        `${e.tagName.toLowerCase()}${e.getAttribute('data-testid') ? `[${e.getAttribute('data-testid')}]` : ''}.${String(e.className).slice(0, 40)}`;
      return { limits: all.filter((e) => e.closest('[data-testid="limits"]')).map(desc), page: all.slice(0, 5).map(desc) };
    });
    if (wide.page.length) console.log(`[limits.spec] wider than 390 px elsewhere on the page: ${wide.page.join(' | ')}`);
    expect(wide.limits).toEqual([]);

    // One click lifts it (audited by the API).
    await login.getByRole('button', { name: `Lift the limit of ${INFO}` }).click();
    await expect(
      page
        .getByTestId('limits')
        .getByRole('status')
        .filter({ hasText: `Counters of ${INFO} reset` }),
    ).toBeVisible();
    // Its counters are gone on the host: nothing counted, nobody refused.
    await expect(login).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('limits')).toContainText('nobody refused');
    const [audit] = await withDb((c) => c.query("SELECT ok FROM mw_audit WHERE action = 'limits.lift' AND target = ? ORDER BY id DESC LIMIT 1", [INFO]));
    expect((audit as { ok: number }[])[0]?.ok).toBeTruthy();
  } finally {
    // The lab as before: the check out of main.cf and postfwd stopped, main.cf exactly as it was, the test's mail gone.
    await request.delete(`/api/hosts/${HOST}/limits`).catch(() => undefined);
    if (backupId) await request.post(`/api/hosts/${HOST}/hardening/rollback`, { data: { backupId } }).catch(() => undefined);
    if (offset) {
      const ids = [
        ...new Set(
          logSince(offset)
            .map((l) => /postfix\/smtpd\[\d+\]: ([0-9A-F]{6,}): client=/.exec(l)?.[1])
            .filter(Boolean),
        ),
      ];
      if (ids.length) execFileSync('postsuper', ['-d', '-'], { input: ids.join('\n') + '\n', stdio: ['pipe', 'ignore', 'ignore'] });
    }
    await resolveLimitAlerts();
    await withDb((c) => c.query('DELETE FROM mw_sending_limits WHERE host = ?', [HOST]));
    await request.put(`/api/hosts/${HOST}/watch`, { data: watchBefore.custom ? { rules: watchBefore.rules } : { reset: true } });
  }
  expect(mainSha()).toBe(before);
  const after = (await (await request.get(`/api/hosts/${HOST}/limits`)).json()) as { status: { running: boolean } };
  expect(after.status.running).toBe(false);
});
