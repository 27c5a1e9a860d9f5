// npm run bench -- incident [--messages 300000] [--port 3100] [--cleanup]
// Issue 16's number: on the lab with a seed-shaped queue of --messages (topped
// up with `scripts/lab bigqueue`), the wall time from the dashboard showing
// the stolen login to the moment Postfix refuses it (a live SMTP AUTH from
// outside mynetworks, done by Contain) and all its queued mail is on hold —
// driven in Chromium as a person would, clicks counted. Needs the console
// running on --port (`npm run demo`, or it starts `next start` itself) and
// root (it reads the spool). Puts the lab back afterwards: block lifted,
// main.cf rolled back, the held mail released, the password restored;
// --cleanup also removes what this run planted.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { promisify } from 'node:util';
import { chromium, type Locator } from '@playwright/test';
import mysql from 'mysql2/promise';
import { ADMIN } from '../../e2e/env';
import { extmanUrl } from '../../e2e/db';
import { STOLEN_LOGIN } from '../lab-bigqueue/population';
import { serveCommand } from '../serve-command';

const sh = promisify(execFile);
const MANIFEST = '/tmp/mailwarden-bench-incident.manifest';

function args(argv: string[]) {
  const num = (name: string, d: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
  return { messages: num('--messages', 300_000), port: num('--port', 3100), cleanup: argv.includes('--cleanup') };
}

async function queueSize(): Promise<number> {
  const { stdout } = await sh('bash', ['-c', 'find /var/spool/postfix/{incoming,active,deferred,hold,maildrop} -type f | wc -l'], { maxBuffer: 1 << 20 });
  return Number(stdout.trim());
}

async function up(base: string): Promise<boolean> {
  return fetch(`${base}/api/health`).then(
    (r) => r.ok,
    () => false,
  );
}

/** AUTH PLAIN + MAIL FROM + RCPT TO from 127.0.0.78 (outside mynetworks); the last reply. */
function smtpAs(user: string, password: string): Promise<string> {
  return new Promise((resolve) => {
    const sock = net.connect({ host: '127.0.0.1', port: 25, localAddress: '127.0.0.78' });
    const script = [
      'EHLO bench.example.net',
      `AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString('base64')}`,
      `MAIL FROM:<${user}>`,
      'RCPT TO:<x@qq.com>',
    ];
    let buf = '';
    sock.on('data', (d) => {
      buf += d.toString();
      let i: number;
      while ((i = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 2);
        if (!/^\d{3} /.test(line)) continue;
        if (/^[45]/.test(line) || script.length === 0) {
          sock.end('QUIT\r\n');
          return resolve(line);
        }
        sock.write(`${script.shift()}\r\n`);
      }
    });
    sock.on('error', (e) => resolve(`(error ${e.message})`));
  });
}

export async function run(argv: string[]) {
  const opts = args(argv);
  const base = `http://127.0.0.1:${opts.port}`;
  const before = await queueSize();
  let planted = 0;
  if (before < opts.messages) {
    planted = opts.messages - before;
    await sh('bash', ['scripts/lab', 'bigqueue', String(planted), '--manifest', MANIFEST], { timeout: 1_800_000, maxBuffer: 64 << 20 });
  }
  const queueTotal = await queueSize();
  let server: ChildProcess | null = null;
  if (!(await up(base))) {
    await sh('bash', ['scripts/build-if-needed'], { timeout: 900_000, maxBuffer: 64 << 20 });
    // As `npm start` runs it (scripts/serve-command.ts).
    const serve = serveCommand();
    server = spawn(process.execPath, [...serve.args, '-p', String(opts.port), '-H', '127.0.0.1'], {
      env: { ...process.env, ...serve.env, NEXT_TELEMETRY_DISABLED: '1' },
      stdio: 'ignore',
      detached: true,
    });
    for (let i = 0; i < 120 && !(await up(base)); i++) await new Promise((r) => setTimeout(r, 1000));
  }
  const ext = await mysql.createConnection({ uri: extmanUrl() });
  const [[saved]] = (await ext.query('SELECT password, disablesmtpd FROM mailbox WHERE username = ?', [STOLEN_LOGIN])) as unknown as [
    [{ password: string; disablesmtpd: number }],
  ];
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // The console refuses state-changing requests without its own Origin: the clean-up calls need it too.
  const ctx = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, extraHTTPHeaders: { origin: base } });
  const page = await ctx.newPage();
  let backupId: string | null = null;
  let clicks = 0;
  const click = async (l: Locator) => {
    clicks++;
    await l.click();
  };
  const out: Record<string, unknown> = { bench: 'incident', queueTotal, planted, login: STOLEN_LOGIN };
  try {
    const login = await ctx.request.post('/api/auth/login', { data: ADMIN, headers: { origin: base } });
    if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
    const tLoad = performance.now();
    await page.goto('/?host=lab');
    const top = page.locator(`[data-testid="suspect"][data-user="${STOLEN_LOGIN}"]`).first();
    await top.waitFor({ timeout: 600_000 });
    // The clock starts when the dashboard shows the stolen login: the person can act from here.
    const t0 = performance.now();
    out.dashboardSeconds = Math.round(t0 - tLoad) / 1000;
    await click(top.getByTestId('respond'));
    const contain = page.getByTestId('step-contain');
    await contain.getByTestId('hold-preview').waitFor({ timeout: 900_000 });
    out.toHold = Number(await contain.getByTestId('hold-preview').getAttribute('data-total'));
    out.previewSeconds = Math.round(performance.now() - t0) / 1000;
    await click(contain.getByTestId('contain-now'));
    await click(page.getByTestId('contain-confirm').getByRole('button').first());
    const state = contain.getByTestId('contained');
    await state.waitFor({ timeout: 120_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid="contained"]')?.getAttribute('data-state') !== 'running', undefined, {
      timeout: 1_800_000,
      polling: 250,
    });
    out.wallSeconds = Math.round(performance.now() - t0) / 1000;
    out.clicks = clicks;
    out.contained = (await state.getAttribute('data-state')) === 'contained';
    out.held = Number(
      (await contain
        .getByTestId('hold-result')
        .locator('[data-acted]')
        .getAttribute('data-acted')
        .catch(() => null)) ?? 0,
    );
    const proof = contain.getByTestId('block-proof').locator('[data-live]');
    out.liveProof = (await proof.getAttribute('data-live')) === 'true' && (await proof.getAttribute('data-refused')) === 'true';
    if (await contain.getByTestId('installed').count()) backupId = await contain.getByTestId('installed').getAttribute('data-backup');
    out.installedEnforcement = backupId !== null;
    const password = (await contain.getByTestId('new-password').textContent())?.trim() ?? '';
    out.ourSmtpAttempt = await smtpAs(STOLEN_LOGIN, password);
  } finally {
    await ctx.request.delete(`/api/incidents/${encodeURIComponent(STOLEN_LOGIN)}/block?host=lab`).catch(() => undefined);
    if (backupId) await ctx.request.post('/api/hosts/lab/hardening/rollback', { data: { backupId } }).catch(() => undefined);
    await ctx.request.post(`/api/mailboxes/${encodeURIComponent(STOLEN_LOGIN)}/sending`, { data: { blocked: false } }).catch(() => undefined);
    await ctx.request
      .post('/api/hosts/lab/queue/actions', { data: { action: 'release', filter: { saslUser: STOLEN_LOGIN, queue: 'hold' }, confirm: STOLEN_LOGIN } })
      .catch(() => undefined);
    await ext.query('UPDATE mailbox SET password = ?, disablesmtpd = ? WHERE username = ?', [saved.password, saved.disablesmtpd, STOLEN_LOGIN]);
    await ext.end();
    await browser.close();
    if (opts.cleanup && planted) {
      const ids = readFileSync(MANIFEST, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { id: string }).id)
        .filter((id) => /^[0-9A-Za-z]+$/.test(id));
      const child = spawn('postsuper', ['-d', '-'], { stdio: ['pipe', 'ignore', 'ignore'] });
      child.stdin.end(ids.join('\n') + '\n');
      await new Promise((r) => child.on('close', r));
      rmSync(MANIFEST, { force: true });
    }
    if (server?.pid) process.kill(-server.pid);
  }
  console.log(JSON.stringify(out, null, 2));
}
