import 'server-only';
import { READER_PATH } from '@/lib/queue/scan-run';
import { execOnHost, HostError, streamFromHost } from '@/lib/ssh/host-exec';
import { postfixTools } from '@/lib/ssh/postfix-tools';
import { drainOnUnpipe } from './drain-on-unpipe';
import { emptyCounts, QUEUE_NAMES, QueueTally, type QueueCounts, type QueueName } from './queue-tally';

// Messages per queue on a host. Where the queue reader is installed, from
// its directory listings (`mw-queue-scan --count` as postfix): exact, and a
// fraction of a second on 300,000 messages. Otherwise from `sudo postqueue
// -j` streamed and tallied as it arrives. postqueue has no count-only mode:
// showq reads every queue file, so on a 300,000-message queue the full
// listing takes minutes and gigabytes. That count therefore stops at a cap
// (and a timeout) and says it is a lower bound; a queue that large has
// already crossed every threshold.

export type QueueSample = { counts: QueueCounts; total: number; complete: boolean; durationMs: number };

export async function countQueues(host: string, opts: { cap: number; timeoutMs: number }): Promise<QueueSample> {
  try {
    return await countWithReader(host, opts.timeoutMs);
  } catch {
    // No reader, one older than --count, or sudo refuses it: showq below
    // (an unreachable host fails there too, with its own message).
  }
  return countWithPostqueue(host, opts);
}

export function parseReaderCounts(stdout: string): QueueCounts | null {
  const counts = emptyCounts();
  let ended = false;
  for (const line of stdout.split('\n')) {
    const m = /^([a-z]+) (\d+)$/.exec(line);
    if (m && (QUEUE_NAMES as readonly string[]).includes(m[1]!)) counts[m[1] as QueueName] = Number(m[2]);
    else if (line === '#end') ended = true;
  }
  return ended ? counts : null;
}

export async function countWithReader(host: string, timeoutMs: number): Promise<QueueSample> {
  const started = Date.now();
  const r = await execOnHost(host, { program: READER_PATH, args: ['--count'], sudo: 'postfix' }, { timeoutMs, maxOutputBytes: 4096 });
  const counts = parseReaderCounts(r.stdout);
  if (!counts) throw new HostError('command_failed', 'mw-queue-scan --count ended early');
  const total = QUEUE_NAMES.reduce((a, q) => a + counts[q], 0);
  return { counts, total, complete: true, durationMs: Date.now() - started };
}

export async function countWithPostqueue(host: string, opts: { cap: number; timeoutMs: number }): Promise<QueueSample> {
  const started = Date.now();
  const tally = new QueueTally();
  const s = streamFromHost(host, postfixTools.queueJson());
  drainOnUnpipe(s.stdout);
  let complete = true;
  let timedOut = false;
  const timer = setTimeout(() => {
    complete = false;
    timedOut = true;
    s.cancel();
  }, opts.timeoutMs);
  try {
    let capped = false;
    // Read to the end even after cancelling: the stream ends once the channel is closed.
    for await (const chunk of s.stdout as AsyncIterable<Buffer>) {
      if (capped) continue;
      if (tally.push(chunk) >= opts.cap) {
        capped = true;
        complete = false;
        s.cancel();
      }
    }
    const end = await s.done;
    if (end.exitCode !== null && end.exitCode !== 0) {
      throw new HostError('command_failed', `postqueue -j failed: ${end.stderr.trim().split('\n')[0] || `exit code ${end.exitCode}`}`);
    }
  } finally {
    clearTimeout(timer);
  }
  if (timedOut && tally.total === 0) throw new HostError('timeout', `postqueue -j listed nothing within ${Math.round(opts.timeoutMs / 1000)} s.`);
  return { counts: tally.counts, total: tally.total, complete, durationMs: Date.now() - started };
}
