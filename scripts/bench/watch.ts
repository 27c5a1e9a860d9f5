// npm run bench -- watch [--minutes 3] [--hosts 20]
// The watcher's own cost: 20 copies of the lab host (same sshd, key and pin,
// names bench-watch-1..20) watched by this process for N minutes, with the
// default rules; process CPU time from process.cpuUsage(). Target: under 5%
// of one core at rest. The copies and everything the watcher wrote about
// them are removed afterwards. Prints JSON.
import Module from 'node:module';
import path from 'node:path';

// lib/ modules import 'server-only', which throws outside Next's server
// bundles; in this script the whole process is the server.
const loader = Module as unknown as { _resolveFilename: (req: string, ...rest: unknown[]) => string };
const serverOnlyStub = path.join(path.dirname(require.resolve('server-only')), 'empty.js');
const resolve = loader._resolveFilename;
loader._resolveFilename = function (req: string, ...rest: unknown[]) {
  return req === 'server-only' ? serverOnlyStub : resolve.call(this, req, ...rest);
};

const PREFIX = 'bench-watch-';
const TARGET_PERCENT = 5;

function arg(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const n = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function run(args: string[]) {
  const minutes = arg(args, 'minutes', 3);
  const count = arg(args, 'hosts', 20);
  const { db } = await import('../../lib/db');
  const { Watcher } = await import('../../lib/watch/watcher');
  const { dropHostConnection } = await import('../../lib/ssh/host-exec');
  const names = Array.from({ length: count }, (_, i) => `${PREFIX}${i + 1}`);
  const lab = await db().mwHost.findUnique({ where: { name: 'lab' } });
  if (!lab?.hostKeySha256) throw new Error('the lab host is not registered (run scripts/setup)');
  const { id: _id, createdAt: _c, updatedAt: _u, name: _n, ...copy } = lab;
  const cleanup = async () => {
    const where = { host: { in: names } };
    await db().mwHost.deleteMany({ where: { name: { in: names } } });
    await Promise.all([
      db().mwWatchRule.deleteMany({ where }),
      db().mwWatchState.deleteMany({ where }),
      db().mwWatchSample.deleteMany({ where }),
      db().mwAlert.deleteMany({ where }),
      db().mwWatchUserHour.deleteMany({ where }),
    ]);
  };
  await cleanup();
  // enabled: false keeps every other console process off these copies; this watcher ignores it.
  await db().mwHost.createMany({ data: names.map((name) => ({ ...copy, maillogPaths: copy.maillogPaths as object, pendingHostKey: null, name })) });
  await db().mwWatchRule.createMany({ data: names.map((host) => ({ host, rules: { enabled: false }, updatedBy: 'bench' })) });
  const watcher = new Watcher({ hostFilter: (n) => n.startsWith(PREFIX), includeDisabled: true });
  try {
    const c0 = process.cpuUsage();
    const t0 = Date.now();
    watcher.start();
    // The first minute holds the start-up: twenty SSH handshakes and a first queue count each.
    await sleep(60_000);
    const c1 = process.cpuUsage();
    const t1 = Date.now();
    await sleep(Math.max(0, minutes * 60_000 - (t1 - t0)));
    const total = process.cpuUsage(c0);
    const steady = process.cpuUsage(c1);
    const wall = Date.now() - t0;
    const steadyWall = Date.now() - t1;
    const [samples, states, latest] = await Promise.all([
      db().mwWatchSample.count({ where: { host: { in: names } } }),
      db().mwWatchState.findMany({ where: { host: { in: names } }, select: { host: true, followState: true, lastError: true, owner: true } }),
      db().mwWatchSample.findFirst({ where: { host: { in: names } }, orderBy: { at: 'desc' }, select: { total: true, complete: true, durationMs: true } }),
    ]);
    const steadyPercent = (cpuMs(steady) / steadyWall) * 100;
    // "At rest" is about the lab too: other work writing the maillog shows here.
    const linesIn = [...watcher.watches.values()].reduce((n, w) => n + w.linesIn, 0);
    console.log(
      JSON.stringify(
        {
          bench: 'watch',
          hosts: count,
          watchedByThisProcess: watcher.watches.size,
          minutes,
          cpuMs: Math.round(cpuMs(total)),
          cpuPercentOfOneCore: Math.round((cpuMs(total) / wall) * 1000) / 10,
          steadyCpuMs: Math.round(cpuMs(steady)),
          steadyCpuPercentOfOneCore: Math.round(steadyPercent * 10) / 10,
          targetPercent: TARGET_PERCENT,
          pass: watcher.watches.size === count && steadyPercent < TARGET_PERCENT,
          queueSamples: samples,
          labQueue: latest ? { total: latest.total, complete: latest.complete, countMs: latest.durationMs } : null,
          following: states.filter((s) => s.followState === 'following').length,
          maillogLinesPerHostPerMinute: Math.round(linesIn / Math.max(1, watcher.watches.size) / (wall / 60_000)),
          errors: [...new Set(states.map((s) => s.lastError).filter(Boolean))].slice(0, 3),
          rssMb: Math.round(process.memoryUsage().rss / 1e6),
        },
        null,
        2,
      ),
    );
  } finally {
    await watcher.stop();
    for (const n of names) dropHostConnection(n);
    await cleanup();
    await db().$disconnect();
    // A socket that lingers (an SSH channel closing late) must not keep the benchmark alive.
    setTimeout(() => process.exit(process.exitCode ?? 0), 5000).unref();
  }
}
