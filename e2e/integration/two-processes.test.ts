import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { serveCommand } from '../../scripts/serve-command';
import net from 'node:net';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plantTagged, removeLocally, spoolListing, type Plant } from '@/scripts/lab-bigqueue/plant';
import type { ActionJobView, ActionPreview, ActionResponse } from '@/lib/queue/actions/types';

// Two console processes (server.ts, as `npm start` runs it) on two ports,
// one database: a preview made on A runs on B on exactly its ids; hardening
// through both at once has one win and one 409; killing A mid-delete leaves
// B showing the job interrupted with postsuper's counts; one watcher owner.

const root = path.resolve(__dirname, '../..');
for (const line of readFileSync(path.join(root, '.env.local'), 'utf8').split('\n')) {
  const m = /^([A-Z_]+)=(.*)$/.exec(line);
  if (m && !process.env[m[1]!]) process.env[m[1]!] = m[2]!;
}

const HOST = 'lab';
const BIG = 60_000;
type Server = { port: number; origin: string; proc: ChildProcess; pid: number };
const servers: Server[] = [];
let cookie = '';
let small: Plant;
let big: Plant;

/** A port nobody listens on now: a console left running by an earlier run must not answer for A or B. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(port: number): Promise<Server> {
  // As `npm start` runs it (scripts/serve-command.ts).
  const serve = serveCommand(root);
  const proc = spawn('node', [...serve.args, '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env: { ...process.env, ...serve.env, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 240; i++) {
    const ok = await fetch(`${origin}/api/health`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) return { port, origin, proc, pid: proc.pid! };
    if (proc.exitCode !== null) throw new Error(`server on ${port} exited ${proc.exitCode}`);
    await sleep(500);
  }
  throw new Error(`server on ${port} did not start`);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api<T>(s: Server, method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${s.origin}${url}`, {
    method,
    headers: { cookie, origin: s.origin, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as T };
}

async function scan(s: Server) {
  await api(s, 'POST', `/api/hosts/${HOST}/queue/scan`, {});
  for (;;) {
    const { body } = await api<{ scan: { status: string } }>(s, 'GET', `/api/hosts/${HOST}/queue/scan`);
    if (body.scan.status !== 'running') return body.scan;
    await sleep(500);
  }
}

async function untilOver(s: Server, id: string): Promise<ActionJobView> {
  for (;;) {
    const { body } = await api<{ job: ActionJobView }>(s, 'GET', `/api/hosts/${HOST}/queue/actions?job=${id}`);
    if (['done', 'failed', 'interrupted'].includes(body.job.phase)) return body.job;
    await sleep(300);
  }
}

async function sql<T>(query: string, values: unknown[] = []): Promise<T> {
  const conn = await mysql.createConnection({ uri: process.env.MW_DATABASE_URL! });
  try {
    return (await conn.query(query, values))[0] as T;
  } finally {
    await conn.end();
  }
}

async function storedIds(actionId: string, kind: string): Promise<string[]> {
  const rows = await sql<{ ids: string }[]>('SELECT ids FROM mw_queue_action_ids WHERE action_id = ? AND kind = ? ORDER BY chunk', [actionId, kind]);
  return rows.flatMap((r) => r.ids.split('\n').filter(Boolean));
}

const confDir = () => execFileSync('postconf', ['-h', 'config_directory'], { encoding: 'utf8' }).trim();
const sha = (file: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(confDir(), file)))
    .digest('hex');

beforeAll(async () => {
  execFileSync('bash', ['scripts/build-if-needed'], { cwd: root, stdio: 'inherit' });
  small = await plantTagged(300, 9191, { holdShare: 0, logins: 1 });
  big = await plantTagged(BIG, 9292, { holdShare: 0, logins: 1 });
  for (let i = 0; i < 2; i++) servers.push(await startServer(await freePort()));
  const res = await fetch(`${servers[0]!.origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: servers[0]!.origin },
    body: JSON.stringify({ username: 'root@extmail.org', password: 'extmail*123*' }),
  });
  expect(res.status).toBe(200);
  cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}, 1_200_000);

afterAll(async () => {
  // Gone before the next file starts: a live one would keep its locks and its port.
  // (A, killed by the last test, has a signalCode and no exit event to come.)
  await Promise.all(
    servers
      .filter((s) => s.proc.exitCode === null && s.proc.signalCode === null)
      .map(
        (s) =>
          new Promise((r) => {
            s.proc.once('exit', r);
            s.proc.kill('SIGTERM');
            setTimeout(() => s.proc.kill('SIGKILL'), 10_000).unref();
          }),
      ),
  );
  const spool = await spoolListing();
  removeLocally([...(small?.messages ?? []), ...(big?.messages ?? [])].map((m) => m.id).filter((id) => spool.has(id)));
}, 300_000);

describe('two console processes, one database', () => {
  it('a preview made on A executes on B on exactly the previewed ids', async () => {
    const [A, B] = servers as [Server, Server];
    expect((await scan(A)).status).toBe('done');
    // B has no index of its own yet, but knows A's scan (scans of a host are serialized by a named lock).
    const onB = await api<{ scan: { status: string }; lastScan: { owner: string; status: string } | null }>(B, 'GET', `/api/hosts/${HOST}/queue/scan`);
    expect(onB.body.scan.status).toBe('never');
    expect(onB.body.lastScan).toMatchObject({ owner: expect.stringMatching(new RegExp(`:${A.pid}$`)), status: 'done' });
    const login = small.logins[0]!;
    const mine = small.messages
      .filter((m) => m.saslUser === login)
      .map((m) => m.id)
      .sort();
    const filter = { saslUser: login };
    const pv = await api<ActionResponse>(A, 'POST', `/api/hosts/${HOST}/queue/actions`, { action: 'hold', filter, dryRun: true });
    expect(pv.status).toBe(200);
    const preview = (pv.body as { preview: ActionPreview }).preview;
    expect(preview.total).toBe(mine.length);
    expect((await storedIds(preview.previewId, 'preview')).sort()).toEqual(mine);

    // B has never scanned: the stored preview lets it act, reading the queue itself first.
    const run = await api<ActionResponse>(B, 'POST', `/api/hosts/${HOST}/queue/actions`, {
      action: 'hold',
      filter,
      previewId: preview.previewId,
      confirm: login,
    });
    expect([200, 202]).toContain(run.status);
    const job = run.body.kind === 'result' ? run.body.job : await untilOver(B, (run.body as { job: ActionJobView }).job.id);
    expect(job.phase).toBe('done');
    expect(job.result).toMatchObject({ requested: mine.length, acted: mine.length, arrivedSincePreview: 0, gone: 0, postsuper: { held: mine.length } });
    expect((await storedIds(job.result!.actionId, 'passed')).sort()).toEqual(mine);
    const spool = await spoolListing();
    expect(new Set(mine.map((id) => spool.get(id)))).toEqual(new Set(['hold']));
    // ...and A, which did not run it, reads the same job.
    expect((await api<{ job: ActionJobView }>(A, 'GET', `/api/hosts/${HOST}/queue/actions?job=${job.id}`)).body.job.phase).toBe('done');
  }, 900_000);

  it('hardening through A and B at the same moment: one runs, the other is told it is in progress', async () => {
    const [A, B] = servers as [Server, Server];
    const before = { main: sha('main.cf'), master: sha('master.cf') };
    const state = await api<{ backups: { id: string; mainSha256: string; masterSha256: string }[] }>(A, 'GET', `/api/hosts/${HOST}/hardening`);
    expect(state.status).toBe(200);
    // A backup identical to the live files makes the rollback a no-op for everyone else on the lab.
    const same = state.body.backups.find((b) => b.mainSha256 === before.main && b.masterSha256 === before.master);
    // A fresh lab has no backup yet: take one of the live files (as the console's helper does), so the rollback is a no-op.
    const fresh = state.body.backups.length ? null : execFileSync('/usr/local/lib/mailwarden/mw-config', ['backup'], { encoding: 'utf8' }).trim();
    const target = same ?? (fresh ? { id: fresh } : state.body.backups[0]);
    if (!target) throw new Error('the lab host has no hardening backup to roll back to');
    const [ra, rb] = await Promise.all(
      [A, B].map((s) => api<{ backupId?: string; error?: { code: string } }>(s, 'POST', `/api/hosts/${HOST}/hardening/rollback`, { backupId: target.id })),
    );
    const statuses = [ra!.status, rb!.status].sort();
    expect(statuses).toEqual([200, 409]);
    const won = ra!.status === 200 ? ra! : rb!;
    const lost = ra!.status === 409 ? ra! : rb!;
    expect(lost.body.error?.code).toBe('conflict');
    if (!same && !fresh) {
      // Put back what was live: the rollback's own safety backup.
      expect((await api(A, 'POST', `/api/hosts/${HOST}/hardening/rollback`, { backupId: won.body.backupId })).status).toBe(200);
    }
    expect({ main: sha('main.cf'), master: sha('master.cf') }).toEqual(before);
  }, 300_000);

  it('the watcher has exactly one owner for the host, seen alike from A and B', async () => {
    const [A, B] = servers as [Server, Server];
    type W = { status: { watched: boolean; owner: string | null } };
    const a = await api<W>(A, 'GET', `/api/hosts/${HOST}/watch`);
    const b = await api<W>(B, 'GET', `/api/hosts/${HOST}/watch`);
    expect(a.body.status).toEqual(b.body.status);
    if (a.body.status.watched) {
      // A named lock has one holder by construction; both processes name the same one.
      const [holder] = await sql<{ h: number | null }[]>("SELECT IS_USED_LOCK('mailwarden-watch-lab') AS h");
      expect(holder?.h).not.toBeNull();
      expect(a.body.status.owner).toMatch(/:\d+$/);
    }
  });

  it('killing A in the middle of a large delete leaves B showing the job interrupted, with the counts', async () => {
    const [A, B] = servers as [Server, Server];
    expect((await scan(A)).status).toBe('done');
    const ids = big.messages.map((m) => m.id);
    const run = await api<ActionResponse>(A, 'POST', `/api/hosts/${HOST}/queue/actions`, { action: 'delete', ids, confirm: String(ids.length) });
    expect(run.status).toBe(202);
    const id = (run.body as { job: ActionJobView }).job.id;
    let seen: ActionJobView | null = null;
    for (let i = 0; i < 6000; i++) {
      const { body } = await api<{ job: ActionJobView }>(B, 'GET', `/api/hosts/${HOST}/queue/actions?job=${id}`);
      if (body.job.phase === 'execute' && body.job.done > 0 && body.job.done < ids.length) {
        seen = body.job;
        break;
      }
      expect(['queued', 'refresh', 'execute']).toContain(body.job.phase);
      await sleep(50);
    }
    expect(seen).not.toBeNull();
    process.kill(A.pid, 'SIGKILL');
    await new Promise((r) => A.proc.once('exit', r));
    const job = await untilOver(B, id);
    expect(job.phase).toBe('interrupted');
    expect(job.error?.code).toBe('interrupted');
    expect(job.total).toBe(ids.length);
    expect(job.done).toBeGreaterThanOrEqual(seen!.done);
    expect(job.acted).toBeGreaterThan(0);
    expect(job.postsuper.deleted).toBe(job.acted);
    expect(job.error?.message).toContain(`${job.done} of ${ids.length}`);
    // postsuper's count is real: at least that many planted files are gone from the spool.
    const spool = await spoolListing();
    expect(ids.filter((x) => !spool.has(x)).length).toBeGreaterThanOrEqual(job.acted);
    // The host's action slot is free again: B can run the next action.
    const again = await api<{ job: ActionJobView | null }>(B, 'GET', `/api/hosts/${HOST}/queue/actions?job=${id}`);
    expect(again.body.job?.phase).toBe('interrupted');
  }, 900_000);
});
