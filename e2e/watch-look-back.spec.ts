import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { withDb, withExtmail } from './db';

// Issue 16.10: the watcher looks back. The lab attack runs while nobody
// watches the lab; then the watch starts (as after a console start or a
// host added) and, with no new log line about the attack, the alert about
// info@ is there within one interval (plus the read of the last hour).

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..');
const HOST = 'lab';
const INFO = 'info@example.com';

type Alert = { rule: string; key: string; state: string; firstAt: string };
type WatchView = {
  rules: Record<string, unknown> & { alerting: Record<string, unknown> };
  custom: boolean;
  minIntervalSeconds: number;
  status: { watched: boolean };
};

test('a watch started after the attack raises the alert within one interval, from the log it read back', async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const request = page.request;
  const before = (await (await request.get(`/api/hosts/${HOST}/watch`)).json()) as WatchView;
  const interval = Math.max(10, before.minIntervalSeconds);
  const rules = (enabled: boolean) => ({
    ...before.rules,
    enabled,
    intervalSeconds: interval,
    alerting: { ...before.rules.alerting, cooldownMinutes: 0 },
    containment: { enabled: false, messagesPerHour: 500 },
  });
  try {
    // Nobody watches the lab while the attack runs.
    expect((await request.put(`/api/hosts/${HOST}/watch`, { data: { rules: rules(false) } })).status()).toBe(200);
    await expect
      .poll(async () => ((await (await request.get(`/api/hosts/${HOST}/watch`)).json()) as WatchView).status.watched, { timeout: 60_000 })
      .toBe(false);
    await run('bash', ['scripts/lab', 'attack'], { cwd: ROOT, timeout: 4 * 60_000 });
    await withDb((c) => c.query("UPDATE mw_alert SET state = 'resolved', resolved_at = NOW(3) WHERE host = ? AND state IN ('open', 'acknowledged')", [HOST]));
    const none = ((await (await request.get('/api/alerts?state=active')).json()) as { alerts: Alert[] }).alerts.filter(
      (a) => a.rule === 'sasl-volume' && a.key === INFO,
    );
    expect(none).toEqual([]);

    // The watch starts; the attack is over (no new submissions by info@ follow).
    const started = Date.now();
    expect((await request.put(`/api/hosts/${HOST}/watch`, { data: { rules: rules(true) } })).status()).toBe(200);
    await expect
      .poll(
        async () =>
          ((await (await request.get('/api/alerts?state=active')).json()) as { alerts: Alert[] }).alerts.find((a) => a.rule === 'sasl-volume' && a.key === INFO)
            ?.state,
        { timeout: (interval + 30) * 1000, intervals: [1000] },
      )
      .toBe('open');
    const elapsed = (Date.now() - started) / 1000;
    console.log(
      `[watch-look-back] sasl-volume alert for ${INFO} open ${elapsed.toFixed(1)} s after the watch started (interval ${interval} s, 10 s refresh of the watcher)`,
    );
    // One interval after the watcher's next refresh (every 10 s) picks the host up, plus the read of the last hour.
    expect(elapsed).toBeLessThan(interval + 10 + 15);

    await page.goto('/alerts');
    await expect(page.getByTestId('open-alerts').locator(`[data-rule="sasl-volume"][data-key="${INFO}"]`)).toBeVisible();
    await page.screenshot({ path: 'e2e/screenshots/alerts-look-back.png', fullPage: true });
  } finally {
    await withExtmail((c) => c.query('UPDATE mailbox SET disablesmtpd = 0 WHERE username = ?', [INFO]));
    await request.put(`/api/hosts/${HOST}/watch`, { data: before.custom ? { rules: before.rules } : { reset: true } });
  }
});
