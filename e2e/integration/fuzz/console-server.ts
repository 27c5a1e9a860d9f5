// A built console of the suite's own on a free port (not e2e's 3100),
// started the way production starts it: `npm start` (server.ts).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { loadEnvLocal } from '../../../scripts/env-local';

const ROOT = path.resolve(__dirname, '../../..');

export type ConsoleServer = { baseURL: string; stop: () => Promise<void> };

export async function startConsole(port = Number(process.env.FUZZ_PORT ?? 3150)): Promise<ConsoleServer> {
  loadEnvLocal();
  execFileSync('bash', ['scripts/build-if-needed'], { cwd: ROOT, stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  const child: ChildProcess = spawn('npm', ['start', '--', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const baseURL = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    if (child.exitCode !== null) throw new Error(`console exited: ${stderr}`);
    const up = await fetch(`${baseURL}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = async () => {
    // npm → node: the whole process group goes.
    if (child.pid && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
  };
  return { baseURL, stop };
}
