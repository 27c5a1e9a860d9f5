import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import type { AlertView } from '@/lib/watch/alert-view';
import { createChannel, deleteChannel } from './channels';
import { enqueueAlert, renderAlert } from '@/lib/watch/alert-notice';
import { runDueDeliveries, sendTest } from './outbox';

vi.mock('server-only', () => ({}));

// The outbox against real receivers: an HTTP server that fails first and
// then accepts (retry with backoff, last error kept), a DingTalk look-alike
// that checks the signature, and Postfix's own smtp-sink as the SMTP relay.

const tag = randomBytes(4).toString('hex');
const channels: number[] = [];
let http: Server;
let base = '';
const hits: { path: string; body: string; query: URLSearchParams }[] = [];
let failNext = 0;
let sink: ChildProcess | undefined;
let sinkPort = 0;

const alert = (id: string): AlertView => ({
  id,
  host: 'lab',
  rule: 'queue-size',
  key: '',
  domain: null,
  severity: 'critical',
  state: 'open',
  mutedUntil: null,
  muted: false,
  firstAt: new Date().toISOString(),
  lastAt: new Date().toISOString(),
  resolvedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  count: 1,
  summary: 'The queue holds 5,000 messages (limit 1,000).',
  details: { vars: { total: 5000, atLeast: 0, limit: 1000 } },
  link: '/queue?host=lab',
  containment: null,
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as AddressInfo).port;
      s.close(() => resolve(p));
    });
  });

beforeAll(async () => {
  http = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://x');
      hits.push({ path: u.pathname, body, query: u.searchParams });
      if (u.pathname === '/ding') {
        const ts = u.searchParams.get('timestamp') ?? '';
        const ok = u.searchParams.get('sign') === createHmac('sha256', 'SECtest').update(`${ts}\nSECtest`).digest('base64');
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(ok ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }));
        return;
      }
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  sinkPort = await freePort();
  sink = spawn('smtp-sink', ['-u', 'nobody', `127.0.0.1:${sinkPort}`, '10'], { stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 500));
});

afterAll(async () => {
  for (const id of channels) await deleteChannel(id);
  sink?.kill();
  http.close();
});

async function channel(input: Parameters<typeof createChannel>[0]) {
  const c = await createChannel(input);
  channels.push(c.id);
  return c;
}

describe('notification outbox', () => {
  it('retries a failed webhook with backoff, keeping the last error, then sends it', async () => {
    const c = await channel({
      type: 'webhook',
      name: `int-${tag}-hook`,
      enabled: true,
      minSeverity: 'warning',
      language: 'en',
      config: { url: `${base}/hook/secret-token` },
    });
    failNext = 1;
    expect(await enqueueAlert('alert.opened', alert('900000001'), 'https://console.test')).toBeGreaterThanOrEqual(1);
    await runDueDeliveries(renderAlert);
    const failed = await db().mwNotifyDelivery.findFirstOrThrow({ where: { channelId: c.id } });
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringContaining('HTTP 500') });
    expect(failed.lastError).not.toContain('secret-token');
    expect(failed.nextRetryAt!.getTime() - Date.now()).toBeGreaterThan(20_000);
    await db().mwNotifyDelivery.update({ where: { id: failed.id }, data: { nextRetryAt: new Date() } });
    await runDueDeliveries(renderAlert);
    const sent = await db().mwNotifyDelivery.findUniqueOrThrow({ where: { id: failed.id } });
    expect(sent).toMatchObject({ state: 'sent', attempts: 2 });
    const got = hits.filter((h) => h.path === '/hook/secret-token').map((h) => JSON.parse(h.body) as { event: string; alert: { id: string; link: string } });
    expect(got.at(-1)).toMatchObject({ event: 'alert.opened', alert: { id: '900000001', link: 'https://console.test/queue?host=lab' } });
  });

  it('leaves out channels above the alert’s severity and disabled ones', async () => {
    const quiet = await channel({
      type: 'webhook',
      name: `int-${tag}-quiet`,
      enabled: true,
      minSeverity: 'critical',
      language: 'en',
      config: { url: `${base}/quiet` },
    });
    const off = await channel({ type: 'webhook', name: `int-${tag}-off`, enabled: false, minSeverity: 'info', language: 'en', config: { url: `${base}/off` } });
    await enqueueAlert('alert.opened', { ...alert('900000002'), severity: 'warning' }, null);
    expect(await db().mwNotifyDelivery.count({ where: { channelId: { in: [quiet.id, off.id] } } })).toBe(0);
  });

  it('signs DingTalk requests the way the robot checks them', async () => {
    const good = await channel({
      type: 'dingtalk',
      name: `int-${tag}-ding`,
      enabled: false,
      minSeverity: 'info',
      language: 'zh',
      config: { url: `${base}/ding?access_token=abc`, secret: 'SECtest' },
    });
    expect(await sendTest(good.id, null)).toEqual({ ok: true, error: null });
    const body = JSON.parse(hits.filter((h) => h.path === '/ding').at(-1)!.body) as { msgtype: string; markdown: { title: string } };
    expect(body).toMatchObject({ msgtype: 'markdown', markdown: { title: 'Mailwarden 测试通知' } });
    const bad = await channel({
      type: 'dingtalk',
      name: `int-${tag}-ding2`,
      enabled: false,
      minSeverity: 'info',
      language: 'zh',
      config: { url: `${base}/ding?access_token=abc`, secret: 'SECwrong' },
    });
    const out = await sendTest(bad.id, null);
    expect(out.ok).toBe(false);
    expect(out.error).toContain('errcode 310000');
  });

  it('sends e-mail through an SMTP relay (Postfix smtp-sink)', async () => {
    const mail = await channel({
      type: 'email',
      name: `int-${tag}-mail`,
      enabled: false,
      minSeverity: 'info',
      language: 'en',
      config: { host: '127.0.0.1', port: sinkPort, security: 'none', allowInvalidCertificate: false, from: 'mailwarden@corp.test', to: ['ops@corp.test'] },
    });
    expect(await sendTest(mail.id, null)).toEqual({ ok: true, error: null });
    const refused = await channel({
      type: 'email',
      name: `int-${tag}-mail2`,
      enabled: false,
      minSeverity: 'info',
      language: 'en',
      config: { host: '127.0.0.1', port: sinkPort, security: 'starttls', allowInvalidCertificate: false, from: 'mailwarden@corp.test', to: ['ops@corp.test'] },
    });
    const out = await sendTest(refused.id, null);
    expect(out.ok).toBe(false);
    expect(out.error).toMatch(/STARTTLS/);
  });
});
