// Memory of the console where it lives: the serving process itself
// (server.ts, as `npm start` runs it), read from its /proc/<pid>/status
// after what an admin does on a big queue — two full scans and a refresh
// through the API, then queue pages. A separate process holding an index
// (the queue benchmark's memory probe) misses Next, React and the route
// bundles, which is most of the difference.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { serveCommand } from '../serve-command';

// The console's pages (app/(console)); the mailbox and incident pages of the lab's stolen login.
const CONSOLE_PAGES = [
  '/',
  '/queue',
  '/mailboxes',
  '/mailboxes/info%40extmail.org',
  '/mailboxes/weak-passwords',
  '/incidents',
  '/incidents/info%40extmail.org',
  '/incidents/info%40extmail.org/report',
  '/logs',
  '/alerts',
  '/audit',
  '/hardening',
  '/hosts',
  '/settings',
  '/account',
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function status(pid: number): { vmRssMB: number; vmHwmMB: number } {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { vmRssMB: Math.round(kb('VmRSS') / 1024), vmHwmMB: Math.round(kb('VmHWM') / 1024) };
}

/** Every process below pid (a server may fork workers): their memory counts too. */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const kids = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [p, pp] = line.trim().split(/\s+/).map(Number);
    kids.set(pp!, [...(kids.get(pp!) ?? []), p!]);
  }
  const all: number[] = [];
  const walk = (p: number) => (kids.get(p) ?? []).forEach((c) => (all.push(c), walk(c)));
  walk(pid);
  return all;
}

export interface ServerMemory {
  pid: number;
  port: number;
  afterStart: { vmRssMB: number; vmHwmMB: number };
  afterScans: { vmRssMB: number; vmHwmMB: number };
  children: { pid: number; vmRssMB: number; vmHwmMB: number }[];
  host: string;
  /** Each scan with the process's memory right after it. */
  scans: { mode: string; seconds: number; indexed: number; vmRssMB: number; vmHwmMB: number }[];
  afterQueueApi: { vmRssMB: number; vmHwmMB: number };
  pages: Record<string, number>;
  how: string;
}

/**
 * Stops the server and waits until it has exited (SIGKILL after 10 s): the
 * next run, or an e2e test, must find the port free and no second console
 * with an index in memory.
 */
async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** `host`: the console's name for the mail host whose queue is scanned (the lab's is in .lab/lab.json). */
export async function measureServingProcess(opts: { host: string; port: number; login: { username: string; password: string } }): Promise<ServerMemory> {
  const HOST = encodeURIComponent(opts.host);
  const origin = `http://127.0.0.1:${opts.port}`;
  // A console left on the port would answer for ours, and be measured instead.
  if (
    await fetch(`${origin}/api/health`).then(
      () => true,
      () => false,
    )
  )
    throw new Error(`something already answers on port ${opts.port}`);
  execFileSync('bash', ['scripts/build-if-needed'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // As `npm start` runs it: its environment and node options (scripts/serve-command.ts).
  const serve = serveCommand();
  const proc = spawn(process.execPath, [...serve.args, '-p', String(opts.port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...serve.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${origin}/api/health`).then(
          (r) => r.status < 500,
          () => false,
        )
      )
        break;
      if (i > 240 || proc.exitCode !== null) throw new Error(`the console did not start on port ${opts.port}`);
      await sleep(500);
    }
    const pid = proc.pid!;
    const afterStart = status(pid);
    const login = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(opts.login),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const call = (method: string, url: string, body?: unknown) =>
      fetch(`${origin}${url}`, {
        method,
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const scans: ServerMemory['scans'] = [];
    for (const mode of ['full', 'full', 'refresh']) {
      const t = performance.now();
      await call('POST', `/api/hosts/${HOST}/queue/scan`, { mode });
      let scan: { status: string; indexed: number };
      do {
        await sleep(250);
        scan = (await call('GET', `/api/hosts/${HOST}/queue/scan`)).scan as typeof scan;
      } while (scan.status === 'running');
      if (scan.status !== 'done') throw new Error(`the ${mode} scan ended ${scan.status}`);
      scans.push({ mode, seconds: Math.round(performance.now() - t) / 1000, indexed: scan.indexed, ...status(pid) });
    }
    for (const q of ['', '?queue=deferred', '?forged=true', '?sort=size', '?page=3']) await call('GET', `/api/hosts/${HOST}/queue${q}`);
    const afterQueueApi = status(pid);
    // Every console page once, as an admin walking through it would: their
    // code is loaded on first use, and it lives in this process too.
    const pages: Record<string, number> = {};
    for (const page of CONSOLE_PAGES) {
      const r = await fetch(`${origin}${page}`, { headers: { cookie }, redirect: 'manual' });
      await r.arrayBuffer();
      pages[page] = r.status;
    }
    return {
      pid,
      port: opts.port,
      host: opts.host,
      afterStart,
      afterQueueApi,
      afterScans: status(pid),
      children: descendants(pid).map((c) => ({ pid: c, ...status(c) })),
      scans,
      pages,
      how: `npm start's command (${serve.args.join(' ')}, ${Object.entries(serve.env)
        .map(([k, v]) => `${k}=${v}`)
        .join(
          ' ',
        )}) on its own port; /proc/<pid>/status of the serving process after two full scans, one refresh (POST /queue/scan), five queue API pages and every console page`,
    };
  } finally {
    await stop(proc);
  }
}
