// npm run bench -- password-sweep [--mailboxes 10000] [--duty 0.5] [--queue-requests 100] [--no-queue] [--port 3164]
// With the queue page (the default) it starts a console and scans the lab: run
// it under the lab lock: flock /tmp/mailwarden-e2e.lock npm run bench -- password-sweep
//
// Issue 18.5's numbers:
//  a) md5-crypt cost per candidate, node:crypto's md5Crypt (the login's) vs
//     the sweep's engine (lib/passwords/md5-crypt-fast.ts), in CPU time;
//  b) mailboxes per second through the real sweep path: startSweep() of
//     lib/passwords/sweep-runner.ts in a driver process of its own, which forks
//     lib/passwords/sweep-child.ts (nice 19, the duty cycle of pace.ts) and
//     writes progress per mailbox, exactly as a console does; 1,000 candidates
//     each (the shipped list, patterns off) over --mailboxes md5-crypt mailboxes;
//  c) the queue page (GET /api/hosts/lab/queue on a console started for the
//     bench, server.ts as npm start runs it): p50/p95 without the sweep, then
//     while it runs.
// The mailboxes live in a scratch database (extmail_pwsweep) and the sweep's
// own rows in another (extmail_pwsweep_mw): nothing is written to the lab's
// extmail or console databases; both are dropped at the end.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { serveCommand } from '../serve-command';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import type mysql from 'mysql2/promise';
import { md5Crypt } from '../../lib/auth/crypto/md5-crypt';
import { CRYPT_ALPHABET } from '../../lib/auth/crypto/crypt-salt';
import { loadCommonList } from '../../lib/passwords/common-list';
import { md5CryptFast, md5CryptVerifier } from '../../lib/passwords/md5-crypt-fast';
import { checkOptions, type OptionSpec } from './bench-args';
import { createScratchDatabase, dropScratchDatabase, rootConnection, upstreamTables, urlForDatabase } from './extmail-db';

const ROOT = path.resolve(__dirname, '../..');
const MAILBOX_DB = 'extmail_pwsweep';
// createScratchDatabase only touches extmail_* names; this one holds the console's mw_* tables.
const CONSOLE_DB = 'extmail_pwsweep_mw';
const DOMAIN = 'pwsweep.bench.test';
const BENCH_LOCK = 'mailwarden-password-sweep-bench';
const RUN_LOCK = 'mailwarden-bench-password-sweep-run';
const ADMIN = { username: 'root@extmail.org', password: 'extmail*123*' };
const QUERIES = ['', '?queue=deferred', '?forged=true', '?sort=size', '?page=2'];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** What run(args) takes; `bench limits` checks its --sweep-* options against it before its own half. */
export const SWEEP_OPTIONS: OptionSpec = { valued: ['mailboxes', 'duty', 'queue-requests', 'port'], flags: ['no-queue'] };
export const SWEEP_OPTION_TEXT = '[--mailboxes 10000] [--duty 0.5] [--queue-requests 100] [--no-queue] [--port 3164]';
const USAGE = `usage: npm run bench -- password-sweep ${SWEEP_OPTION_TEXT}`;

function num(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

/** a) CPU per candidate, both implementations, on the list's own passwords (none matches). */
function perCandidate(list: string[]) {
  const stored = md5Crypt(randomBytes(12).toString('base64'), 'b3nchS4l');
  const fast = md5CryptVerifier(stored)!;
  for (const p of list.slice(0, 200)) fast(p);
  let t = cpuMs();
  for (let r = 0; r < 3; r++) for (const p of list) fast(p);
  const fastUs = ((cpuMs() - t) * 1000) / (3 * list.length);
  const sample = list.slice(0, 300);
  t = cpuMs();
  for (const p of sample) md5Crypt(p, stored);
  const nodeUs = ((cpuMs() - t) * 1000) / sample.length;
  return {
    nodeCryptoMd5CryptUs: round(nodeUs),
    sweepEngineUs: round(fastUs),
    speedup: round(nodeUs / fastUs),
    how: `CPU time (process.cpuUsage) over ${sample.length} (node:crypto) and ${3 * list.length} (engine) candidates of the shipped list against one md5-crypt hash`,
  };
}

const randomSalt = () => Array.from(randomBytes(8), (b) => CRYPT_ALPHABET[b & 63]).join('');

/** n md5-crypt mailboxes with random passwords; every 1000th holds the list's last entry (tried last, so still ~1,000 tries). */
async function fill(root: mysql.Connection, n: number, planted: string): Promise<number> {
  let flagged = 0;
  for (let start = 0; start < n; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + 2000); i++) {
      const weak = i % 1000 === 999;
      if (weak) flagged++;
      const local = `u${String(i).padStart(5, '0')}`;
      const hash = md5CryptFast(weak ? planted : randomBytes(12).toString('base64'), randomSalt());
      rows.push([
        `${local}@${DOMAIN}`,
        local,
        hash,
        '',
        local,
        '',
        `${DOMAIN}/${local}/Maildir/`,
        `${DOMAIN}/${local}`,
        '104857600S',
        '0',
        DOMAIN,
        1000,
        1000,
        '2020-01-01 00:00:00',
        '0000-00-00',
        1,
        0,
      ]);
    }
    await root.query(
      `INSERT INTO \`${MAILBOX_DB}\`.mailbox (username, uid, password, clearpwd, name, mailhost, maildir, homedir, quota, netdiskquota, domain, uidnumber, gidnumber, createdate, expiredate, active, disablepwdchange) VALUES ?`,
      [rows],
    );
  }
  return flagged;
}

type Console = { origin: string; call: (url: string) => Promise<Response>; stop: () => void; queueTotal: number };

/** A console of the bench's own on `port`, the lab's settings, signed in as the lab admin, the lab's queue indexed. */
async function startConsole(port: number, env: NodeJS.ProcessEnv): Promise<Console> {
  execFileSync('bash', ['scripts/build-if-needed'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const serve = serveCommand();
  const proc = spawn(process.execPath, [...serve.args, '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...env, ...serve.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => void proc.kill('SIGTERM');
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${origin}/api/health`).then(
          (r) => r.status < 500,
          () => false,
        )
      )
        break;
      if (i > 240 || proc.exitCode !== null) throw new Error(`the console did not start on port ${port}`);
      await sleep(500);
    }
    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(ADMIN),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const call = (url: string, init: RequestInit = {}) =>
      fetch(`${origin}${url}`, { ...init, headers: { cookie, origin, 'content-type': 'application/json' } });
    await call('/api/hosts/lab/queue/scan', { method: 'POST', body: JSON.stringify({ mode: 'full' }) });
    let scan: { status: string; indexed: number };
    do {
      await sleep(250);
      scan = ((await (await call('/api/hosts/lab/queue/scan')).json()) as { scan: typeof scan }).scan;
    } while (scan.status === 'running');
    if (scan.status !== 'done') throw new Error(`the lab's queue scan ended ${scan.status}`);
    return { origin, call, stop, queueTotal: scan.indexed };
  } catch (err) {
    stop();
    throw err;
  }
}

/** Queue page requests one after another until `n` are done or `until()` says stop. */
async function queueTimes(c: Console, n: number, until: () => boolean = () => false) {
  const times: number[] = [];
  for (let i = 0; i < n && !until(); i++) {
    const t = performance.now();
    const res = await c.call(`/api/hosts/lab/queue${QUERIES[i % QUERIES.length]}`);
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET /api/hosts/lab/queue: ${res.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { requests: times.length, p50Ms: round(pct(times, 50)), p95Ms: round(pct(times, 95)), maxMs: round(times.at(-1) ?? NaN) };
}

/** CPU seconds of the sweep's child process under `pid` (the driver), from /proc; null when it is not there. */
function sweepChildCpu(pid: number): number | null {
  const ps = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' });
  const rows = ps
    .trim()
    .split('\n')
    .map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l))
    .filter((m) => m !== null);
  const under = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const m of rows) {
      if (under.has(Number(m[2])) && !under.has(Number(m[1]))) {
        under.add(Number(m[1]));
        grew = true;
      }
    }
  }
  const child = rows.find((m) => under.has(Number(m[1])) && m[3]!.includes('lib/passwords/sweep-child.ts'));
  if (!child) return null;
  try {
    // utime and stime, fields 14 and 15, in clock ticks (100 per second on Linux).
    const f = readFileSync(`/proc/${child[1]}/stat`, 'utf8')
      .replace(/^.*\) /, '')
      .split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

type SweepRow = { status: string; total: number; done: number; flagged: number; candidates: number; elapsed_ms: number; error: string | null };
async function sweepRow(root: mysql.Connection): Promise<SweepRow | undefined> {
  const [rows] = await root.query(
    `SELECT status, total, done, flagged, candidates, elapsed_ms, error FROM \`${CONSOLE_DB}\`.mw_password_sweep ORDER BY started_at DESC LIMIT 1`,
  );
  const r = (rows as SweepRow[])[0];
  return r && { ...r, elapsed_ms: Number(r.elapsed_ms) };
}

export async function run(args: string[]) {
  checkOptions(args, SWEEP_OPTIONS, USAGE);
  const mailboxes = Math.floor(num(args, 'mailboxes', 10_000));
  const duty = num(args, 'duty', 0.5);
  const queueRequests = Math.floor(num(args, 'queue-requests', 100));
  const withQueue = !args.includes('--no-queue');
  const port = Math.floor(num(args, 'port', Number(process.env.MW_BENCH_PORT) || 3164));
  const list = loadCommonList().map((c) => c.password);
  const out: Record<string, unknown> = {
    bench: 'password-sweep',
    path: `real sweep path: startSweep() (lib/passwords/sweep-runner.ts) in a driver process, forking lib/passwords/sweep-child.ts under tsx, niced to 19, duty cycle ${duty} (pace.ts), one IPC round trip and one progress row update per mailbox; candidates: the shipped list only (patterns off). Not an in-process loop. The driver is a process of its own, not the console serving the queue page, so the console's event loop does not carry the sweep's progress writes here (a few per second).`,
    mailboxesIssue: 10_000,
    mailboxesRun: mailboxes,
    cpus: cpus().length,
    loadavg1mBefore: round(loadavg()[0] ?? 0, 2),
    perCandidate: perCandidate(list),
  };
  const realEnv = { ...process.env };
  const root = await rootConnection();
  let driver: ChildProcess | null = null;
  let consoleUp: Console | null = null;
  // One run at a time: a second would drop the first one's scratch databases under it. Freed with the connection.
  const [got] = (await root.query('SELECT GET_LOCK(?, 0) AS got', [RUN_LOCK]))[0] as { got: number }[];
  if (Number(got?.got) !== 1) {
    await root.end();
    throw new Error('another password-sweep bench is running (its scratch databases would be dropped under it)');
  }
  try {
    await createScratchDatabase(root, MAILBOX_DB, upstreamTables());
    const migrations = readdirSync(path.join(ROOT, 'prisma/migrations'))
      .filter((d) => /^\d+_/.test(d))
      .sort();
    await createScratchDatabase(
      root,
      CONSOLE_DB,
      migrations.map((d) => readFileSync(path.join(ROOT, 'prisma/migrations', d, 'migration.sql'), 'utf8')),
    );
    const t0 = performance.now();
    const planted = await fill(root, mailboxes, list.at(-1)!);
    out.fillSeconds = round((performance.now() - t0) / 1000);

    if (withQueue) {
      consoleUp = await startConsole(port, realEnv);
      await queueTimes(consoleUp, 10); // warm-up
      out.queuePage = {
        console: `server.ts on 127.0.0.1:${port} with the lab's settings, the lab's queue (${consoleUp.queueTotal} messages indexed)`,
        withoutSweep: await queueTimes(consoleUp, queueRequests),
      };
    }

    const env = { ...realEnv, DATABASE_URL: urlForDatabase(MAILBOX_DB), MW_DATABASE_URL: urlForDatabase(CONSOLE_DB) };
    // Under tsx, as this bench itself runs (dynamic imports need its ESM loader too).
    driver = spawn(process.execPath, [require.resolve('tsx/cli'), __filename, '--driver', String(duty)], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const exited = new Promise<number | null>((r) => driver!.once('exit', (code) => r(code)));
    let ended = false;
    void exited.then(() => (ended = true));
    let childCpu = 0;
    const sampler = setInterval(() => (childCpu = Math.max(childCpu, sweepChildCpu(driver!.pid!) ?? 0)), 1000);
    // The sweep is under way once its first mailbox is done.
    for (;;) {
      const r = await sweepRow(root);
      if (ended) throw new Error('the sweep driver ended before the sweep started');
      if (r && r.done > 0) break;
      await sleep(200);
    }
    if (consoleUp) {
      let running = true;
      const watch = (async () => {
        while (running) {
          running = (await sweepRow(root))?.status === 'running';
          await sleep(500);
        }
      })();
      const during = await queueTimes(consoleUp, queueRequests, () => !running);
      running = false;
      await watch;
      const q = out.queuePage as { withoutSweep: { p95Ms: number } };
      out.queuePage = {
        ...q,
        duringSweep: during,
        addedP95Ms: round(during.p95Ms - q.withoutSweep.p95Ms),
        note: during.requests < queueRequests ? `the sweep finished after ${during.requests} requests` : undefined,
      };
    }
    const code = await exited;
    clearInterval(sampler);
    const row = await sweepRow(root);
    if (code !== 0 || row?.status !== 'done') throw new Error(`the sweep ended ${row?.status ?? 'without a row'} (driver exit ${code}): ${row?.error ?? ''}`);
    const seconds = row.elapsed_ms / 1000;
    const perSecond = row.done / seconds;
    out.sweep = {
      mailboxes: row.done,
      candidatesPerMailbox: row.candidates,
      seconds: round(seconds),
      mailboxesPerSecond: round(perSecond, 2),
      candidatesPerSecond: Math.round(perSecond * row.candidates),
      projectedSecondsFor10000: Math.round(10_000 / perSecond),
      flagged: row.flagged,
      plantedWeak: planted,
      flaggedAsPlanted: row.flagged === planted,
      duty,
      childCpuSeconds: round(childCpu),
      childCpuShare: round(childCpu / seconds, 2),
      childCpuPerCandidateUs: round((childCpu * 1e6) / (row.done * row.candidates)),
      childCpuHow: 'utime+stime of sweep-child.ts from /proc, sampled each second (the last second before it exits is missed)',
    };
    out.loadavg1mAfter = round(loadavg()[0] ?? 0, 2);
  } finally {
    if (driver && driver.exitCode === null) driver.kill('SIGTERM');
    consoleUp?.stop();
    await dropScratchDatabase(root, MAILBOX_DB).catch(() => undefined);
    await dropScratchDatabase(root, CONSOLE_DB).catch(() => undefined);
    await root.end();
    out.cleanup = `scratch databases ${MAILBOX_DB} and ${CONSOLE_DB} dropped; the lab's databases were not written`;
  }
  console.log(JSON.stringify(out, null, 2));
}

/** The driver: one sweep on the scratch databases (its env points the console's modules at them), then exit. */
async function driverMain(duty: number) {
  // lib/ modules import 'server-only', which throws outside Next's server build.
  const loader = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
  const stub = path.join(path.dirname(require.resolve('server-only')), 'empty.js');
  const resolve = loader._resolveFilename;
  loader._resolveFilename = function (req: string, ...rest: unknown[]) {
    return req === 'server-only' ? stub : resolve.call(this, req, ...rest);
  };
  const { startSweep } = await import('../../lib/passwords/sweep-runner');
  const { db } = await import('../../lib/db');
  if (!/extmail_pwsweep/.test(process.env.MW_DATABASE_URL ?? '')) throw new Error('the driver only runs on the scratch databases');
  const row = await startSweep('bench-password-sweep', false, { duty, patterns: false, lockName: BENCH_LOCK });
  for (;;) {
    await sleep(500);
    const r = await db().mwPasswordSweep.findUnique({ where: { id: row.id }, select: { status: true } });
    if (r?.status !== 'running') break;
  }
  // run() releases its lock and the child after the row says done.
  await sleep(500);
}

if (require.main === module && process.argv[2] === '--driver') {
  driverMain(Number(process.argv[3]))
    .then(() => process.exit(0))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
