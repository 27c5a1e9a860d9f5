// npm run bench -- queue-actions [--messages 300000] [--one-by-one 200] [--grep-sample 2000] [--cleanup]
// Deleting the attacker IP's mail out of a 300k queue, in one run (PRODUCT.md:
// "under 5 s, zero messages outside the filter touched"):
//  a) the action end to end through executeAction, as the console runs it:
//     incremental refresh over SSH, the page's filter, postsuper -d - with the
//     ids on stdin, the index updated; timed from request to result
//  b) outside the filter: the spool (id -> queue) before and after, compared
//  c) the seed's way, measured on small sets and extrapolated (labelled so):
//     one `postsuper -d ID` per id, and a grep process per queue file to find them
//  d) the reference: one bare `postsuper -d -` of as many other ids over the same link, taken
//     from what this run planted (as old and as cached as the targets) when it planted enough
// Runs as root on the lab machine (it writes queue files and reads the spool).
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { Client } from 'ssh2';
import { executeAction, type ExecuteDeps } from '../../lib/queue/actions/execute';
import { plantAttackerMail, spoolListing } from '../lab-bigqueue/plant';
import { filterRows } from '../../lib/queue/actions/select';
import { QueueIndex } from '../../lib/queue/index-store';
import { READER_PATH, runReaderScan, type RunReader } from '../../lib/queue/scan-run';
import { MW_POSTFIX } from '../../lib/ssh/command';
import { initialStateForTest as freshState } from '../../test/queue/scan-state-fixture';
import { ATTACKER_IP, SHARE } from '../lab-bigqueue/population';

const sh = promisify(execFile);
const SPOOL = '/var/spool/postfix';
type Lab = { ssh: { host: string; port: number; username: string; privateKeyPath: string; hostKeys: string[] } };

function args(argv: string[]) {
  const num = (name: string, d: number) => (argv.includes(name) ? Number(argv[argv.indexOf(name) + 1]) : d);
  return {
    messages: num('--messages', 300_000),
    oneByOne: num('--one-by-one', 200),
    grepSample: num('--grep-sample', 2000),
    cleanup: argv.includes('--cleanup'),
  };
}

const secs = (ms: number) => Math.round(ms) / 1000;
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const v = await f();
  return [performance.now() - t, v];
}

function connect(lab: Lab): Promise<Client> {
  const c = new Client();
  return new Promise((resolve, reject) => {
    c.on('ready', () => resolve(c)).on('error', reject);
    c.connect({
      host: lab.ssh.host,
      port: lab.ssh.port,
      username: lab.ssh.username,
      privateKey: readFileSync(lab.ssh.privateKeyPath),
      hostVerifier: (key: Buffer) => lab.ssh.hostKeys.includes(`SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`),
    });
  });
}

/** A fixed command over SSH with stdin (the same sudo lines the console uses); never input on the command line. */
function sshRun(c: Client, words: string[], stdin: string | (() => string), stdout?: PassThrough): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    c.exec(words.join(' '), (err, ch) => {
      if (err) return reject(err);
      let stderr = '';
      ch.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      if (stdout) ch.pipe(stdout);
      else ch.on('data', () => undefined);
      ch.on('exit', (code: number | null) => resolve({ code, stderr }));
      ch.end(typeof stdin === 'function' ? stdin() : stdin);
    });
  });
}

/** mw-queue-scan as postfix over the SSH connection, streamed. */
function sshReader(c: Client): RunReader {
  return (readerArgs, knownList) => {
    const stdout = new PassThrough();
    const done = sshRun(c, ['sudo', '-n', '-u', 'postfix', READER_PATH, ...readerArgs], knownList ?? '', stdout).then((r) => {
      if (r.code !== 0) throw new Error(`reader exited ${r.code}: ${r.stderr.trim()}`);
    });
    return { stdout, done, cancel: () => undefined };
  };
}

function sshDeps(c: Client, ix: QueueIndex): Pick<ExecuteDeps, 'refresh' | 'postsuper' | 'flushAll'> {
  const reader = sshReader(c);
  return {
    refresh: async () => (await runReaderScan(ix, 'refresh', reader, freshState()), ix),
    postsuper: async (flag, stdin) => {
      // The console's own command: mw-postfix, which runs postsuper with the ids on stdin.
      const verb = ({ '-d': 'delete', '-h': 'hold', '-H': 'release', '-r': 'requeue' } as const)[flag];
      const r = await sshRun(c, ['sudo', '-n', MW_POSTFIX, verb], stdin);
      if (r.code !== 0) throw new Error(`mw-postfix ${verb} exited ${r.code}: ${r.stderr.slice(0, 200)}`);
      return { stderr: r.stderr };
    },
    flushAll: async () => {
      throw new Error('not used here');
    },
  };
}

async function plantBig(n: number): Promise<string[]> {
  const manifest = `/tmp/mw-bench-actions-${process.pid}.jsonl`;
  await sh('bash', ['scripts/lab', 'bigqueue', String(n), '--manifest', manifest], { maxBuffer: 1 << 26 });
  const ids = readFileSync(manifest, 'utf8')
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as { id: string }).id);
  rmSync(manifest, { force: true });
  return ids;
}

/** Local, ids on stdin: what this run planted, with --cleanup. */
function removeLocally(ids: string[]) {
  if (ids.length) spawnSync('postsuper', ['-d', '-'], { input: `${ids.join('\n')}\n`, stdio: ['pipe', 'ignore', 'ignore'] });
}

/** The seed: one grep process per queue file; timed on a sample, scaled to the deferred queue. */
async function seedGrepEstimate(sample: number): Promise<{ seconds: number; files: number; sample: number }> {
  const files = (await sh('bash', ['-c', `find ${SPOOL}/deferred -type f`], { maxBuffer: 1 << 28 })).stdout.trim().split('\n');
  const pick = files.slice(0, sample);
  const t = performance.now();
  for (const f of pick) spawnSync('grep', ['-q', ATTACKER_IP, f]);
  return { seconds: secs(((performance.now() - t) / pick.length) * files.length), files: files.length, sample: pick.length };
}

export async function run(argv: string[]) {
  const opts = args(argv);
  const lab = JSON.parse(readFileSync('.lab/lab.json', 'utf8')) as Lab;
  let spool = await spoolListing(SPOOL);
  const planted: string[] = [];
  // A loop, not push(...ids): 300,000 arguments overflow the stack.
  if (spool.size < opts.messages) for (const id of await plantBig(opts.messages - spool.size)) planted.push(id);
  const client = await connect(lab);
  const out: Record<string, unknown> = {};
  try {
    const ix = new QueueIndex();
    const deps = sshDeps(client, ix);
    const [indexMs] = await timed(() => runReaderScan(ix, 'full', sshReader(client), freshState()));
    const indexed = ix.live;
    const admin = { role: 'admin' as const, domains: [] };
    const attackers = filterRows(ix, { clientIp: ATTACKER_IP }, admin, Math.floor(Date.now() / 1000)).length;
    const want = Math.round(ix.live * SHARE.attacker);
    if (attackers < want * 0.9) {
      for (const id of await plantAttackerMail(want - attackers)) planted.push(id);
      await deps.refresh();
    }
    spool = await spoolListing(SPOOL);
    // a) request to result, refresh included.
    const [actionMs, outcome] = await timed(() => executeAction({ action: 'delete', filter: { clientIp: ATTACKER_IP }, who: admin }, deps));
    // b) nothing else moved or vanished.
    const after = await spoolListing(SPOOL);
    const passed = new Set(outcome.passed);
    let outsideTouched = 0;
    for (const [id, q] of spool) if (!passed.has(id) && after.get(id) !== q) outsideTouched++;
    const stillThere = outcome.passed.filter((id) => after.has(id)).length;
    // c) the seed's way on small sets.
    const small = await plantBig(opts.oneByOne);
    const t0 = performance.now();
    for (const id of small) spawnSync('postsuper', ['-d', id], { stdio: 'ignore' });
    const perIdMs = (performance.now() - t0) / small.length;
    const grep = await seedGrepEstimate(opts.grepSample);
    // d) the reference: one postsuper -d - of as many other ids, over the same link.
    const aged = planted.filter((id) => !passed.has(id) && after.has(id));
    const useAged = aged.length >= outcome.passed.length;
    const refIds = useAged ? aged.sort(() => Math.random() - 0.5).slice(0, outcome.passed.length) : await plantBig(outcome.passed.length);
    const [refMs, ref] = await timed(() => deps.postsuper('-d', `${refIds.join('\n')}\n`));
    Object.assign(out, {
      messages: spool.size,
      indexOverSsh: { seconds: secs(indexMs), indexed },
      action: {
        seconds: secs(actionMs),
        phases: outcome.result.phases,
        requested: outcome.result.requested,
        acted: outcome.result.acted,
        postsuper: outcome.result.postsuper,
        runs: outcome.result.runs,
        how: 'executeAction: refresh (mw-queue-scan --since-list over SSH), page filter clientIp, postsuper -d - (ids on stdin), index update',
      },
      outside: { before: spool.size - passed.size, after: after.size - stillThere, touched: outsideTouched, targetsStillQueued: stillThere },
      seedWay: {
        perIdPostsuperMs: Math.round(perIdMs * 10) / 10,
        deleteOneByOneSeconds: secs(perIdMs * outcome.passed.length),
        grepToFindSeconds: grep.seconds,
        note: `EXTRAPOLATED: ${small.length} ids deleted one postsuper process each (local, root), scaled to ${outcome.passed.length}; grep timed on ${grep.sample} of ${grep.files} deferred files, one process per file, scaled`,
      },
      referenceBarePostsuper: {
        seconds: secs(refMs),
        ids: refIds.length,
        deleted: ref.stderr.match(/Deleted: (\d+)/)?.[1] ?? null,
        how: `one sudo mw-postfix delete (postsuper -d -) over the same SSH link, ${useAged ? 'random other messages this run planted (same age)' : 'freshly planted ids'}`,
      },
      targets: {
        actionUnder5s: { value: secs(actionMs), target: '< 5', ok: actionMs < 5000 },
        outsideTouched: { value: outsideTouched, target: '0', ok: outsideTouched === 0 && after.size - stillThere === spool.size - passed.size },
      },
    });
    out.planted = planted.length;
  } finally {
    client.end();
    if (opts.cleanup) removeLocally(planted);
  }
  console.log(JSON.stringify(out, null, 2));
}
