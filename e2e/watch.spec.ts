import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { withDb, withExtmail } from './db';
import { POSTMASTER } from './env';

// Issue 10 end to end on the lab: a webhook receiver in the test, configured
// as a channel through the API; `scripts/lab attack` must reach it as an
// alert naming the stolen account and the attacker's IP within two minutes.
// With automatic containment on, the attack's later messages end up on hold
// and the account blocked; one click releases both. The console must run
// with MW_WATCH_MIN_INTERVAL_S=5 (or lower than 10) for the short interval.

const ROOT = path.resolve(__dirname, '..');
const HOST = 'lab';
const INFO = 'info@example.com';
const ATTACKER = '127.0.0.66';

type Payload = {
  event: string;
  alert: { id: string; rule: string; key: string; summary: string; details: unknown; containment?: { held: number } };
  console: string | null;
};
type Alert = {
  id: string;
  rule: string;
  key: string;
  state: string;
  containment: { state: string; held: number; blocked: boolean; enforced: string; user: string } | null;
};

function receiver(): Promise<{ server: Server; url: string; got: Payload[] }> {
  const got: Payload[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      try {
        got.push(JSON.parse(body) as Payload);
      } catch {
        // not ours
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, got })),
  );
}

const holdCount = () => Number(execFileSync('sh', ['-c', 'find /var/spool/postfix/hold -type f | wc -l'], { encoding: 'utf8' }).trim());

async function infoAlert(request: APIRequestContext): Promise<Alert | undefined> {
  const res = await request.get('/api/alerts?state=active');
  const { alerts } = (await res.json()) as { alerts: Alert[] };
  return alerts.find((a) => a.rule === 'sasl-volume' && a.key === INFO);
}

test.describe.serial('watch and alert', () => {
  test('the lab attack reaches the webhook within 2 minutes, is contained, and released with one click', async ({ page }) => {
    test.setTimeout(8 * 60_000);
    const request = page.request;
    const { server, url, got } = await receiver();
    let channelId: number | undefined;
    let attack: ChildProcess | undefined;
    const before = await (await request.get(`/api/hosts/${HOST}/watch`)).json();
    try {
      // A clean slate: an alert still open from an earlier run would absorb this one (grouped, no
      // notification, by design); resolved ones stay out of the way with the cool-down set to 0 below.
      await withDb((c) => c.query("UPDATE mw_alert SET state = 'resolved', resolved_at = NOW(3) WHERE host = ? AND state IN ('open', 'acknowledged')", [HOST]));

      const created = await request.post('/api/alerts/channels', { data: { type: 'webhook', name: 'e2e receiver', minSeverity: 'info', config: { url } } });
      expect(created.status()).toBe(201);
      channelId = ((await created.json()) as { channel: { id: number } }).channel.id;

      const interval = Math.max(10, before.minIntervalSeconds as number);
      const rules = {
        ...before.rules,
        intervalSeconds: interval,
        alerting: { ...before.rules.alerting, cooldownMinutes: 0 },
        containment: { enabled: true, messagesPerHour: 60 },
      };
      const put = await request.put(`/api/hosts/${HOST}/watch`, { data: { rules } });
      expect(put.status(), await put.text()).toBe(200);

      // The console's watcher (or another console's) follows the lab's maillog.
      await expect
        .poll(async () => ((await (await request.get(`/api/hosts/${HOST}/watch`)).json()) as { status: { watched: boolean; followState: string } }).status, {
          timeout: 60_000,
        })
        .toMatchObject({ watched: true, followState: 'following' });

      const heldBefore = holdCount();
      const started = Date.now();
      attack = execFile('bash', ['scripts/lab', 'attack'], { cwd: ROOT, timeout: 7 * 60_000 });

      await expect
        .poll(() => got.find((p) => p.event === 'alert.opened' && JSON.stringify(p.alert).includes(INFO) && JSON.stringify(p.alert).includes(ATTACKER)), {
          timeout: 120_000,
          intervals: [1000],
        })
        .toBeTruthy();
      const elapsed = Date.now() - started;
      console.log(`[watch.spec] alert.opened for ${INFO} reached the webhook ${Math.round(elapsed / 1000)} s after the attack started`);
      expect(elapsed).toBeLessThan(120_000);
      const opened = got.find((p) => p.event === 'alert.opened' && p.alert.key === INFO)!;
      expect(opened.alert.summary).toContain(ATTACKER);

      // Containment: the account blocked, its mail held (by the watcher, whatever Postfix enforces).
      await expect.poll(async () => (await infoAlert(request))?.containment?.state, { timeout: 60_000 }).toBe('active');
      await expect.poll(async () => (await infoAlert(request))?.containment?.held ?? 0, { timeout: 90_000 }).toBeGreaterThan(0);
      const sending = (await (await request.get(`/api/mailboxes/${encodeURIComponent(INFO)}/sending`)).json()) as { blocked: boolean };
      expect(sending.blocked).toBe(true);
      const alert = (await infoAlert(request))!;
      expect(holdCount()).toBeGreaterThanOrEqual(heldBefore + Math.min(alert.containment!.held, 1));

      await page.goto('/alerts');
      const row = page.getByTestId('open-alerts').locator(`[data-rule="sasl-volume"][data-key="${INFO}"]`);
      await expect(row).toContainText(ATTACKER);
      await expect(row.getByTestId('containment')).toContainText(/messages on hold, sending blocked/);
      await expect(page.getByTestId('queue-chart')).toBeVisible();
      await expect(page.getByTestId('channel-row').filter({ hasText: 'e2e receiver' })).toBeVisible();
      await page.screenshot({ path: 'e2e/screenshots/alerts.png', fullPage: true });
      await page.getByTestId('open-alerts').screenshot({ path: 'e2e/screenshots/alerts-open.png' });

      // The test button reaches the receiver too.
      await page.getByTestId('channel-row').filter({ hasText: 'e2e receiver' }).getByRole('button', { name: 'Send a test' }).click();
      await expect(page.getByTestId('channel-row').filter({ hasText: 'e2e receiver' })).toContainText('Test delivered.');
      expect(got.some((p) => p.event === 'test')).toBe(true);

      // One click: held mail back to the queue, sending unblocked.
      page.once('dialog', (d) => void d.accept());
      await row.getByRole('button', { name: 'Release and unblock' }).click();
      await expect(row.getByRole('status')).toContainText(/messages released; sending unblocked: yes/);
      expect((await infoAlert(request))?.containment?.state).toBe('released');
      const unblocked = (await (await request.get(`/api/mailboxes/${encodeURIComponent(INFO)}/sending`)).json()) as { blocked: boolean };
      expect(unblocked.blocked).toBe(false);
      await page.screenshot({ path: 'e2e/screenshots/alerts-released.png', fullPage: true });
    } finally {
      // Whatever happened above: nothing held, nobody blocked, no channel, the rules as they were.
      const left = await withDb(async (c) => {
        const [rows] = await c.query("SELECT id, containment FROM mw_alert WHERE host = ? AND JSON_VALUE(containment, '$.state') = 'active'", [HOST]);
        return rows as { id: number; containment: string | { heldIds: string[] } }[];
      });
      for (const r of left) await request.post(`/api/alerts/${r.id}/release`).catch(() => undefined);
      await withExtmail((c) => c.query('UPDATE mailbox SET disablesmtpd = 0 WHERE username = ?', [INFO]));
      if (channelId !== undefined) await request.delete(`/api/alerts/channels/${channelId}`);
      await request.put(`/api/hosts/${HOST}/watch`, { data: before.custom ? { rules: before.rules } : { reset: true } });
      server.close();
      if (attack && attack.exitCode === null) await new Promise((r) => attack!.once('exit', r));
    }
  });

  test('a postmaster sees only alerts about his domains, and no channel configuration', async ({ browser }) => {
    const ctx = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await ctx.newPage();
    try {
      await withDb((c) => c.query('DELETE FROM mw_login_throttle'));
      await page.goto('/login');
      await page.getByLabel(/manager account/i).fill(POSTMASTER.username);
      await page.getByLabel(/^password/i).fill(POSTMASTER.password);
      await page.getByRole('button', { name: /sign in/i }).click();
      await expect(page.getByTestId('current-user')).toHaveText(POSTMASTER.username);
      const { alerts } = (await (await page.request.get('/api/alerts?state=all')).json()) as { alerts: { domain: string | null }[] };
      expect(alerts.length).toBeGreaterThan(0);
      expect(alerts.every((a) => a.domain === 'example.com')).toBe(true);
      expect((await page.request.get('/api/alerts/channels')).status()).toBe(403);
      const hostWide = await withDb(async (c) => ((await c.query('SELECT id FROM mw_alert WHERE domain IS NULL LIMIT 1'))[0] as { id: number }[])[0]);
      if (hostWide) expect((await page.request.post(`/api/alerts/${hostWide.id}/ack`)).status()).toBe(404);
      await page.goto('/alerts');
      await expect(page.getByRole('heading', { name: 'Alerts', exact: true })).toBeVisible();
      await expect(page.getByText('Notification channels')).toHaveCount(0);
      await page.screenshot({ path: 'e2e/screenshots/alerts-postmaster.png', fullPage: true });
      await ctx.addCookies([{ name: 'mw_locale', value: 'zh', url: page.url() }]);
      await page.reload();
      await expect(page.getByRole('heading', { name: '告警', exact: true })).toBeVisible();
      await expect(page.getByTestId('open-alerts')).toContainText('SASL 用户发信量异常');
      await page.screenshot({ path: 'e2e/screenshots/alerts-zh.png', fullPage: true });
    } finally {
      await ctx.close();
    }
  });
});
