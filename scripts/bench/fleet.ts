// npm run bench -- fleet [--instances 3] [--messages-per-instance 100000] [--single N] [--requests 100] [--port P] [--skip-single]
// A fleet of Postfix instances on the lab (scripts/lab fleet: postmulti
// instances, each registered as a host lab-fleet-<i>), through the console as
// it serves (server.ts on its own port):
//  a) --messages-per-instance planted into each instance's queue, then a full
//     scan of every fleet host started at once through the API (POST
//     /api/hosts/{host}/queue/scan): wall time until the last one is done,
//     and each scan's own duration
//  b) VmRSS/VmHWM of the serving process (/proc/<pid>/status) during and
//     after the scans, and after the dashboard requests
//  c) dashboard "All hosts" (GET /api/dashboard?host=all) and the suspects
//     list for all hosts (GET /api/incidents/suspects?host=all): p50/p95
//     over --requests requests each, after one warm-up request
//  d) the reference: one instance holding --single messages (default: what
//     the fleet holds together; instance 1 is topped up), indexed by a fresh
//     serving process (measureServingProcess: its first full scan)
// Every message the run planted is removed in `finally` (manifests), and the
// fleet hosts are unregistered again. Run under the lab lock.
import { checkOptions } from './bench-args';
import { InstancePlanted, instanceQueueCount } from './fleet-plant';
import { memoryOf, startServing, type Memory, type Serving } from './fleet-server';
import { measureServingProcess } from './server-memory';
import { fleetConfigDir, registerFleet, unregisterFleet } from '../../test/fleet/lab-fleet';

const USAGE = 'usage: npm run bench -- fleet [--instances N] [--messages-per-instance N] [--single N] [--requests N] [--port P] [--skip-single]';
const LOGIN = { username: 'root@extmail.org', password: 'extmail*123*' };
const SCAN_TIMEOUT_MS = 60 * 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => Math.round(ms) / 1000;

function options(argv: string[]) {
  checkOptions(argv, { valued: ['instances', 'messages-per-instance', 'single', 'requests', 'port'], flags: ['skip-single'] }, USAGE);
  const num = (name: string, fallback: number, min: number, max: number) => {
    const i = argv.indexOf(`--${name}`);
    const v = i >= 0 ? Number(argv[i + 1]) : fallback;
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`--${name} must be a whole number from ${min} to ${max}\n${USAGE}`);
    return v;
  };
  const instances = num('instances', 3, 1, 20);
  const perInstance = num('messages-per-instance', 100_000, 1, 1_000_000);
  return {
    instances,
    perInstance,
    single: num('single', instances * perInstance, 1, 5_000_000),
    requests: num('requests', 100, 1, 10_000),
    port: num('port', Number(process.env.MW_BENCH_PORT) || 3164, 1024, 65535),
    skipSingle: argv.includes('--skip-single'),
  };
}

type ScanState = { status: string; indexed: number; durationMs: number | null; error?: { message: string } | null };

/** Full scans of every host at once; wall time until the last is done, the serving process's peak VmRSS meanwhile. */
async function scanConcurrently(s: Serving, hosts: string[]) {
  const t0 = performance.now();
  let peakRssMB = 0;
  for (const h of hosts) {
    const r = await s.call('POST', `/api/hosts/${encodeURIComponent(h)}/queue/scan`, { mode: 'full' });
    if (r.status >= 300) throw new Error(`scan of ${h} not started: ${r.status} ${JSON.stringify(r.body)}`);
  }
  const done = new Map<string, ScanState & { wallSeconds: number }>();
  while (done.size < hosts.length) {
    if (performance.now() - t0 > SCAN_TIMEOUT_MS) throw new Error('the fleet scans did not finish within an hour');
    await sleep(200);
    peakRssMB = Math.max(peakRssMB, memoryOf(s.pid).vmRssMB);
    for (const h of hosts.filter((x) => !done.has(x))) {
      const scan = (await s.call('GET', `/api/hosts/${encodeURIComponent(h)}/queue/scan`)).body.scan as ScanState;
      if (scan.status !== 'running') done.set(h, { ...scan, wallSeconds: secs(performance.now() - t0) });
    }
  }
  const wallMs = performance.now() - t0;
  const perHost = hosts.map((h) => {
    const d = done.get(h)!;
    if (d.status !== 'done') throw new Error(`the scan of ${h} ended ${d.status}: ${d.error?.message ?? ''}`);
    return { host: h, indexed: d.indexed, seconds: secs(d.durationMs ?? 0), doneAfterSeconds: d.wallSeconds };
  });
  return { wallSeconds: secs(wallMs), perHost, peakRssMB, how: 'POST /queue/scan {mode: full} for every host at once, state polled every 200 ms' };
}

/** p50/p95/max over n requests, after one warm-up request (the first builds the maillog views' caches). */
async function latency(s: Serving, url: string, n: number) {
  const t = performance.now();
  const warm = await s.call('GET', url);
  if (warm.status !== 200) throw new Error(`${url}: ${warm.status} ${JSON.stringify(warm.body)}`);
  const warmUpMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t1 = performance.now();
    const r = await s.call('GET', url);
    if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
    times.push(performance.now() - t1);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!);
  return { url, requests: n, warmUpMs: Math.round(warmUpMs), p50: at(0.5), p95: at(0.95), max: Math.round(times.at(-1)!) };
}

async function fleetPhase(port: number, hosts: string[], requests: number) {
  const s = await startServing(port, LOGIN);
  try {
    const afterStart = memoryOf(s.pid);
    const scans = await scanConcurrently(s, hosts);
    const afterScans = memoryOf(s.pid);
    const dashboard = await latency(s, '/api/dashboard?host=all', requests);
    const suspects = await latency(s, '/api/incidents/suspects?host=all', requests);
    const dash = (await s.call('GET', '/api/dashboard?host=all')).body as {
      hosts: string[];
      overviews: { host: string; queue: { overview: { total: number } | null } }[];
    };
    const shown = dash.overviews.map((o) => ({ host: o.host, queued: o.queue.overview?.total ?? null }));
    const memory: { afterStart: Memory; afterScans: Memory; afterDashboard: Memory } = { afterStart, afterScans, afterDashboard: memoryOf(s.pid) };
    return { pid: s.pid, scans, dashboard, suspects, allHostsShows: shown, memory };
  } finally {
    await s.stop();
  }
}

export async function run(argv: string[]) {
  const o = options(argv);
  const hosts = registerFleet(o.instances);
  const plants = hosts.map((_, k) => new InstancePlanted(fleetConfigDir(k + 1), `fleet${k + 1}`));
  const out: Record<string, unknown> = { instances: o.instances, messagesPerInstance: o.perInstance };
  try {
    for (const p of plants) {
      const before = await instanceQueueCount(p.configDir);
      if (before < o.perInstance) await p.add(o.perInstance - before);
    }
    out.queueFiles = Object.fromEntries(await Promise.all(plants.map(async (p, k) => [hosts[k], await instanceQueueCount(p.configDir)])));
    const fleet = await fleetPhase(o.port, hosts, o.requests);
    out.fleet = fleet;
    let single: { messages: number; fullScanSeconds: number; vmHwmMB: number } | null = null;
    if (!o.skipSingle) {
      const first = plants[0]!;
      const need = o.single - (await instanceQueueCount(first.configDir));
      if (need > 0) await first.add(need);
      const m = await measureServingProcess({ host: hosts[0]!, port: o.port, login: LOGIN });
      single = { messages: m.scans[0]!.indexed, fullScanSeconds: m.scans[0]!.seconds, vmHwmMB: m.afterScans.vmHwmMB };
      out.singleInstance = { ...single, host: hosts[0], scans: m.scans, how: `${m.how}; the first full scan is the reference` };
    }
    const hwm = fleet.memory.afterDashboard.vmHwmMB;
    out.targets = {
      fleetWallVsSingle: single
        ? {
            fleetSeconds: fleet.scans.wallSeconds,
            singleSeconds: single.fullScanSeconds,
            ratio: Math.round((fleet.scans.wallSeconds / single.fullScanSeconds) * 100) / 100,
          }
        : null,
      servingProcessVmHwmMB: { value: hwm, target: '<= 500', ok: hwm <= 500 },
      allHostsDashboardP95Ms: { value: fleet.dashboard.p95, target: '<= 300', ok: fleet.dashboard.p95 <= 300 },
    };
  } finally {
    const cleanup: unknown[] = [];
    for (const p of plants) {
      cleanup.push(
        await p
          .remove()
          .catch((e: unknown) => ({ configDir: p.configDir, error: `could not remove the planted messages (ids in /tmp/mw-bench-*.jsonl): ${String(e)}` })),
      );
    }
    out.cleanup = cleanup;
    unregisterFleet(o.instances);
  }
  console.log(JSON.stringify(out, null, 2));
}
