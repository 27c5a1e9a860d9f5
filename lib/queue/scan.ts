import 'server-only';
import { hostname } from 'node:os';
import { db } from '@/lib/db';
import { hostLockName, tryLock } from '@/lib/locks/named-lock';
import { execOnHost, HostError, isHostError, streamFromHost } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { countWithReader } from '@/lib/watch/queue-counts';
import { runFallbackScan } from './fallback-scan';
import { hostQueue, snapshot, type HostQueue } from './host-queues';
import { QueueIndex } from './index-store';
import { READER_PATH, runReaderScan } from './scan-run';
import type { ScanState } from './types';

// Starting and joining scans. One scan per host at a time: a second request
// while one runs gets the running scan's state. The first scan reads
// everything; later ones are incremental unless a full one is asked for.
//
// Several console processes: each keeps its own index (a cache it rebuilds
// from the host), and scans of one host are serialized across processes by
// the host's 'scan' named lock. A process scans only when asked (a request,
// or the refresh before an action), so two processes never read one host at
// the same time, and a process that waited reads only what changed when it
// already has an index. The last finished scan, by whichever process, is in
// mw_queue_scan for every process to show.

const SCAN_TIMEOUT_MS = 60 * 60_000;

export type ScanFinished = (state: ScanState) => void;

function readerUnavailable(err: unknown): string | null {
  if (isHostError(err, 'tool_missing')) return 'mw-queue-scan is not installed on this host';
  if (isHostError(err, 'sudo_refused')) return 'sudo does not let the SSH user run mw-queue-scan as postfix';
  // lib/ssh refuses programs outside its allow-list before connecting.
  if (err instanceof Error && !(err instanceof HostError) && /not allowed on mail hosts/.test(err.message)) {
    return 'the console may not start mw-queue-scan on mail hosts (SSH allow-list)';
  }
  return null;
}

/** The host's message count from directory listings (a fraction of a second at 300,000), or 0 when it cannot say. */
async function expectedMessages(host: string): Promise<number> {
  return countWithReader(host, 15_000).then(
    (s) => s.total,
    () => 0,
  );
}

async function scanOnce(host: string, hq: HostQueue, full: boolean): Promise<void> {
  const state = hq.state;
  // A full rescan updates the served index in place (runReaderScan sweeps
  // what it did not see); a first scan sizes a new one from the host's count.
  const ix = hq.index ?? new QueueIndex(await expectedMessages(host));
  const run = (args: string[], knownList?: () => string) =>
    streamFromHost(host, { program: READER_PATH, args, sudo: 'postfix' }, { stdin: knownList, timeoutMs: SCAN_TIMEOUT_MS });
  try {
    state.method = 'reader';
    await runReaderScan(ix, full ? 'full' : 'refresh', run, state);
    hq.index = ix;
    return;
  } catch (err) {
    const why = readerUnavailable(err);
    if (!why || state.seen > 0) throw err;
    state.note = `${why}; using postqueue -j and postcat, which is much slower`;
  }
  const fresh = new QueueIndex();
  state.method = 'postqueue';
  state.mode = 'full';
  await runFallbackScan(
    fresh,
    {
      streamPostqueue: () => streamFromHost(host, postfixTools.queueJson(), { timeoutMs: SCAN_TIMEOUT_MS }),
      postcatEnvelopes: (ids) =>
        execOnHost(host, postfixTools.envelopes(), { stdin: `${ids.join('\n')}\n`, timeoutMs: 120_000, maxOutputBytes: 64 * 1024 * 1024 }),
    },
    state,
  );
  hq.index = fresh;
}

/** Runs the scan holding the host's scan lock, waiting while another process scans it. */
async function serialized(host: string, state: ScanState, scan: () => Promise<void>): Promise<void> {
  const name = hostLockName('scan', host);
  let lock = await tryLock(name);
  if (!lock) {
    const before = state.note;
    state.note = "another console process is reading this host's queue; waiting for it to finish";
    lock = await tryLock(name, SCAN_TIMEOUT_MS / 1000);
    state.note = before;
    if (!lock) throw new Error("another console process has been reading this host's queue for an hour; try again later");
  }
  try {
    await scan();
  } finally {
    await lock.release();
  }
}

const OWNER = `${hostname()}:${process.pid}`;

async function recordScan(host: string, s: ScanState): Promise<void> {
  const data = {
    status: s.status,
    owner: OWNER,
    state: JSON.stringify({ ...s, errorSamples: s.errorSamples.slice(0, 5) }),
    finishedAt: new Date(s.finishedAt ?? Date.now()),
  };
  await db()
    .mwQueueScan.upsert({ where: { host }, create: { host, ...data }, update: data })
    .catch(() => undefined);
}

export interface LastScan {
  /** host:pid of the console process that ran it. */
  owner: string;
  status: ScanState['status'];
  finishedAt: string;
  indexed: number;
  durationMs: number | null;
}

/** The last finished scan of the host by any console process (null: none recorded). */
export async function lastScan(host: string): Promise<LastScan | null> {
  const row = await db().mwQueueScan.findUnique({ where: { host } });
  if (!row) return null;
  const s = JSON.parse(row.state) as ScanState;
  return {
    owner: row.owner,
    status: row.status as ScanState['status'],
    finishedAt: row.finishedAt.toISOString(),
    indexed: s.indexed,
    durationMs: s.durationMs,
  };
}

export function startScan(host: string, opts: { mode: 'refresh' | 'full'; onFinish?: ScanFinished }): { state: ScanState; joined: boolean } {
  const hq = hostQueue(host);
  if (hq.running) return { state: snapshot(hq), joined: true };
  const full = opts.mode === 'full' || !hq.index || hq.state.method === 'postqueue';
  const started = Date.now();
  hq.state = {
    status: 'running',
    mode: full ? 'full' : 'refresh',
    method: null,
    reader: null,
    startedAt: new Date(started).toISOString(),
    finishedAt: null,
    durationMs: null,
    seen: 0,
    parsed: 0,
    errors: 0,
    errorSamples: [],
    indexed: hq.index?.live ?? 0,
    changes: null,
    error: null,
    note: null,
  };
  const state = hq.state;
  hq.running = serialized(host, state, () => scanOnce(host, hq, full))
    .then(() => {
      state.status = 'done';
      state.indexed = hq.index?.live ?? 0;
    })
    .catch((err: unknown) => {
      state.status = 'failed';
      state.error = { kind: isHostError(err) ? err.kind : null, message: err instanceof Error ? err.message : String(err) };
    })
    .finally(() => {
      state.finishedAt = new Date().toISOString();
      state.durationMs = Date.now() - started;
      hq.running = null;
      const done = snapshot(hq);
      void recordScan(host, done);
      opts.onFinish?.(done);
    });
  return { state: snapshot(hq), joined: false };
}

export function scanState(host: string): ScanState {
  return snapshot(hostQueue(host));
}

/** Resolves when the host's current scan (if any) is over. */
export async function scanSettled(host: string): Promise<void> {
  await hostQueue(host).running;
}
