import 'server-only';
import { HostError, streamFromHost } from '@/lib/ssh/host-exec';
import { drainOnUnpipe } from './drain-on-unpipe';
import { QueueTally, type QueueCounts } from './queue-tally';

// Messages per queue on a host, from `sudo postqueue -j` streamed and tallied
// as it arrives. postqueue has no count-only mode: showq reads every queue
// file, so on a 300,000-message queue the full listing takes minutes and
// gigabytes. The count therefore stops at a cap (and a timeout) and says it
// is a lower bound; a queue that large has already crossed every threshold.

export type QueueSample = { counts: QueueCounts; total: number; complete: boolean; durationMs: number };

export async function countQueues(host: string, opts: { cap: number; timeoutMs: number }): Promise<QueueSample> {
  const started = Date.now();
  const tally = new QueueTally();
  const s = streamFromHost(host, { program: 'postqueue', args: ['-j'], sudo: true }, { configDir: true });
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
