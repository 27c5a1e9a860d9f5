// npm run bench -- logs [--size-mb 1024] [--regen] [--reps 3]
// Per-user login history from a 1 GB maillog over SSH (PRODUCT.md), against
// `grep -c sasl_username <file>` over the same link, in the same run:
//  1. generate /var/tmp/mailwarden-bench/maillog (and a 250 MB one) from
//     test/maillog/synthetic-log.ts: ~5,000 SASL users, the lab's line mix;
//     not timed, reused while its size matches (--regen forces a new one)
//  2. warm the page cache, then per file: grep -c (baseline) and the console's
//     real path (find + host-side grep + parse + aggregate, lib/maillog/scan),
//     run back to back in pairs (--reps, default 5): the ratio is the median of
//     the pairs' ratios, so load from elsewhere on the machine hits both alike;
//     RSS sampled during the history runs
//  3. one user's detail (logins joined with qmgr nrcpt) and the .gz choice:
//     zcat on the host vs the compressed bytes gunzipped in Node
// lib/ssh and lib/db are server-only modules, so the measuring runs in a child
// Node with the react-server export condition (where server-only is empty).
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, statSync, utimesSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { createGunzip } from 'node:zlib';

const DIR = '/var/tmp/mailwarden-bench';
const MB = 1024 * 1024;
const DAY = 86_400_000;

function envLocal(): Record<string, string> {
  const file = path.resolve('.env.local');
  if (!existsSync(file)) return {};
  return Object.fromEntries(
    readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(l.trim()))
      .filter((m): m is RegExpExecArray => !!m)
      .map((m) => [m[1]!, m[2]!.replace(/^(['"])(.*)\1$/, '$2')]),
  );
}

export async function run(args: string[]): Promise<void> {
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', path.resolve('scripts/bench/logs.ts'), '--child', ...args], {
    stdio: 'inherit',
    env: { ...envLocal(), ...process.env },
  });
  const [code] = (await once(child, 'close')) as [number | null];
  if (code !== 0) throw new Error(`bench child exited with ${code}`);
}

function opts(argv: string[]) {
  const val = (name: string, d: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
  return { sizeMb: val('--size-mb', 1024), reps: val('--reps', 5), regen: argv.includes('--regen') };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => Math.round(ms) / 1000;

async function generate(file: string, bytes: number, seed: number): Promise<void> {
  const { syntheticLog } = await import('../../test/maillog/synthetic-log');
  // About 1,300 bytes per burst; spread the bursts so the log ends now.
  const span = (bytes / (1024 * MB)) * 30 * DAY;
  const g = syntheticLog({ users: 5000, start: Date.now() - span, seed });
  const step = span / (bytes / 1300);
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  chmodSync(path.dirname(file), 0o755);
  const tmp = `${file}.tmp`;
  const out = createWriteStream(tmp);
  let written = 0;
  while (written < bytes) {
    let chunk = '';
    while (chunk.length < MB) chunk += g.next(step).join('\n') + '\n';
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(tmp, file);
  // Synthetic data: readable by the SSH user; mtime = the last line, as syslog leaves it.
  chmodSync(file, 0o644);
  utimesSync(file, new Date(g.now()), new Date(g.now()));
}

async function ensure(file: string, mb: number, seed: number, regen: boolean): Promise<number> {
  const want = mb * MB;
  if (regen || !existsSync(file) || Math.abs(statSync(file).size - want) > 2 * MB) {
    process.stderr.write(`generating ${file} (${mb} MB)…\n`);
    await generate(file, want, seed);
  }
  spawnSync('cat', [file], { stdio: 'ignore' }); // warm the page cache for both contenders
  return statSync(file).size;
}

function rssSampler() {
  let peak = 0;
  const tick = () => (peak = Math.max(peak, process.memoryUsage.rss()));
  const timer = setInterval(tick, 20);
  return { stop: () => (clearInterval(timer), tick(), Math.round(peak / MB)) };
}

async function child(argv: string[]): Promise<void> {
  const o = opts(argv);
  const { db } = await import('../../lib/db');
  const { aggregateHostLogs } = await import('../../lib/maillog/scan');
  const { loginsAggregator, loginDetailAggregator, LOGIN_NEEDLES, LOGIN_DETAIL_NEEDLES } = await import('../../lib/maillog/aggregate-logins');
  const { dropHostConnection, execOnHost, streamFromHost } = await import('../../lib/ssh/host-exec');
  const { fastSaslLogin } = await import('../../lib/maillog/fast-login');
  const big = await ensure(`${DIR}/maillog`, o.sizeMb, 7, o.regen);
  const small = await ensure(`${DIR}/250m/maillog`, Math.min(250, o.sizeMb), 8, o.regen);
  const lab = await db().mwHost.findUniqueOrThrow({ where: { name: 'lab' } });
  const hosts = { big: 'bench-logs', small: 'bench-logs-250' };
  const { id: _i, createdAt: _c, updatedAt: _u, ...copy } = lab;
  for (const [name, file] of [
    [hosts.big, `${DIR}/maillog`],
    [hosts.small, `${DIR}/250m/maillog`],
  ] as const) {
    await db().mwHost.deleteMany({ where: { name } });
    await db().mwHost.create({ data: { ...copy, name, maillogPaths: [file], pendingHostKey: null } as never });
  }
  const range = { from: 0, to: null };
  const forget = () => ((globalThis as { mailwardenLogScans?: unknown }).mailwardenLogScans = undefined);
  try {
    async function measure(host: string, file: string) {
      const grep: number[] = [];
      const history: number[] = [];
      let result;
      let lines = 0;
      const sampler = rssSampler();
      for (let rep = 0; rep < o.reps; rep++) {
        let t = performance.now();
        const g = await execOnHost(host, { program: 'grep', args: ['-c', 'sasl_username', file] });
        grep.push(performance.now() - t);
        forget();
        t = performance.now();
        const r = await aggregateHostLogs({
          host,
          key: `bench-${rep}`,
          needles: LOGIN_NEEDLES,
          fast: fastSaslLogin,
          make: () => loginsAggregator({ bucketMs: 3_600_000 }),
          range,
          limit: 20,
        });
        history.push(performance.now() - t);
        result = { grepCount: Number(g.stdout.trim()), users: r.result.totalUsers, logins: r.result.totalLogins, top: r.result.users[0] };
        lines = r.scan.lines;
      }
      const ratios = history.map((h, i) => h / grep[i]!);
      return {
        grep_s: secs(median(grep)),
        history_s: secs(median(history)),
        ratio: Math.round(median(ratios) * 100) / 100,
        rss_mb: sampler.stop(),
        lines,
        ...result!,
      };
    }
    const loadBefore = loadavg()[0]!;
    const at250 = await measure(hosts.small, `${DIR}/250m/maillog`);
    const at1g = await measure(hosts.big, `${DIR}/maillog`);
    forget();
    let t = performance.now();
    const user = at1g.top!.user;
    const detail = await aggregateHostLogs({
      host: hosts.big,
      key: 'bench-user',
      needles: LOGIN_DETAIL_NEEDLES,
      fast: fastSaslLogin,
      make: () => loginDetailAggregator({ user, bucketMs: 3_600_000 }),
      range,
      limit: 20,
    });
    const detailS = secs(performance.now() - t);
    // .gz: decompress on the host, or move the compressed bytes and inflate here.
    const gz = `${DIR}/gz/maillog-${small}.gz`;
    if (!existsSync(gz)) {
      mkdirSync(path.dirname(gz), { recursive: true, mode: 0o755 });
      spawnSync('bash', ['-c', `gzip -c ${DIR}/250m/maillog > ${gz}.tmp && mv ${gz}.tmp ${gz} && chmod 644 ${gz}`]);
    }
    spawnSync('cat', [gz], { stdio: 'ignore' });
    const drain = async (s: NodeJS.ReadableStream) => {
      let n = 0;
      for await (const c of s) n += (c as Buffer).length;
      return n;
    };
    t = performance.now();
    const z1 = streamFromHost(hosts.small, { program: 'zcat', args: ['--', gz] });
    const zcatBytes = await drain(z1.stdout);
    await z1.done;
    const zcatS = secs(performance.now() - t);
    t = performance.now();
    const z2 = streamFromHost(hosts.small, { program: 'cat', args: ['--', gz] });
    const nodeBytes = await drain(z2.stdout.pipe(createGunzip()));
    await z2.done;
    const nodeS = secs(performance.now() - t);
    console.log(
      JSON.stringify(
        {
          bytes: big,
          grep_s: at1g.grep_s,
          history_s: at1g.history_s,
          ratio: at1g.ratio,
          rss_peak_mb: Math.max(at250.rss_mb, at1g.rss_mb),
          rss_mb: { at_250mb: at250.rss_mb, at_1gb: at1g.rss_mb },
          at_250mb: { bytes: small, grep_s: at250.grep_s, history_s: at250.history_s, ratio: at250.ratio },
          sasl_lines: at1g.grepCount,
          parsed_lines: at1g.lines,
          users: at1g.users,
          logins: at1g.logins,
          one_user: { user, history_s: detailS, logins: detail.result.logins, messages: detail.result.messages, recipients: detail.result.recipients },
          gz: { compressed: statSync(gz).size, inflated: zcatBytes, zcat_on_host_s: zcatS, gunzip_in_node_s: nodeS, same: zcatBytes === nodeBytes },
          reps: o.reps,
          load_avg: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadavg()[0]! * 100) / 100, cores: cpus().length },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const h of Object.values(hosts)) dropHostConnection(h);
    await db().mwHost.deleteMany({ where: { name: { in: Object.values(hosts) } } });
    dropHostConnection('lab');
  }
}

if (process.argv.includes('--child')) {
  child(process.argv.slice(process.argv.indexOf('--child') + 1))
    .then(() => process.exit(0))
    .catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
}
