// The console as it serves, for the fleet benchmark: server.ts on its own
// port (as `npm start` runs it), logged in as the lab's admin, its memory
// read from /proc/<pid>/status. The steps are those of server-memory.ts
// (measureServingProcess), which runs a fixed sequence on one host; the
// fleet needs several hosts at once and the dashboard in between.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { serveCommand } from '../serve-command';
import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const answers = (origin: string) =>
  fetch(`${origin}/api/health`).then(
    (r) => r.status < 500,
    () => false,
  );

export type Memory = { vmRssMB: number; vmHwmMB: number };

export function memoryOf(pid: number): Memory {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(s)?.[1] ?? 0);
  return { vmRssMB: Math.round(kb('VmRSS') / 1024), vmHwmMB: Math.round(kb('VmHWM') / 1024) };
}

export type Serving = {
  pid: number;
  call: (method: string, url: string, body?: unknown) => Promise<{ status: number; body: Record<string, unknown> }>;
  stop: () => Promise<void>;
};

/** Stops the server and waits for its exit (SIGKILL after 10 s): the port must be free for the next run. */
async function stop(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function startServing(port: number, login: { username: string; password: string }): Promise<Serving> {
  const origin = `http://127.0.0.1:${port}`;
  // A console left on the port would answer for ours, and be measured instead.
  if (await answers(origin)) throw new Error(`something already answers on port ${port}`);
  execFileSync('bash', ['scripts/build-if-needed'], { stdio: ['ignore', 'ignore', 'inherit'] });
  // As `npm start` runs it (scripts/serve-command.ts): the fleet's memory is judged with the user's flags.
  const serve = serveCommand();
  const proc = spawn(process.execPath, [...serve.args, '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, ...serve.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (let i = 0; !(await answers(origin)); i++) {
      if (i > 240 || proc.exitCode !== null) throw new Error(`the console did not start on port ${port}`);
      await sleep(500);
    }
    const res = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(login),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const call: Serving['call'] = async (method, url, body) => {
      const r = await fetch(`${origin}${url}`, {
        method,
        headers: { cookie, origin, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as Record<string, unknown> };
    };
    return { pid: proc.pid!, call, stop: () => stop(proc) };
  } catch (err) {
    await stop(proc);
    throw err;
  }
}
