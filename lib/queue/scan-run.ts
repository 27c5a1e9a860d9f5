// One scan with the on-host reader: stream its output line by line into the
// index (never holding the whole output), keep the progress in `state`.
// Transport-free: the caller hands in how to start the reader (lib/ssh in
// the console, a plain ssh2 connection in the benchmark).
import { MW_QUEUE_SCAN } from '@/lib/ssh/command';
import { FLAG_ALIVE, QueueIndex, queueName } from './index-store';
import { lineBatchesOf, ScanDecoder } from './scan-protocol';
import type { ScanState } from './types';

export const READER_PATH = MW_QUEUE_SCAN;
const MAX_SAMPLES = 20;

export interface ReaderStream {
  stdout: AsyncIterable<Buffer | string>;
  done: Promise<unknown>;
  cancel(): void;
}
/**
 * Starts the reader. `knownList`, when given, is called once the reader has
 * started: the console builds the 300k-id list (tens of ms) while the host
 * runs sudo and starts the reader, instead of before.
 */
export type RunReader = (args: string[], knownList?: () => string) => ReaderStream;

export class ReaderOutputError extends Error {}

/**
 * Full mode reads everything into `ix`: a fresh index, or the one the
 * console already serves, updated in place and swept at the end (rows not
 * seen are removed), so a rescan of 300,000 messages never holds two
 * indexes at once. Refresh mode sends what `ix` knows and applies only the
 * differences. Resolves when the reader finished and its output was
 * complete; throws otherwise (a full scan that fails leaves every row it
 * had: none is swept).
 */
export async function runReaderScan(ix: QueueIndex, mode: 'full' | 'refresh', run: RunReader, state: ScanState): Promise<void> {
  const dec = new ScanDecoder(ix.pool);
  const stream = mode === 'refresh' ? run(['--since-list'], () => ix.knownList()) : run([]);
  const touched = new Set<string>();
  const gone: string[] = [];
  const changes = { added: 0, updated: 0, moved: 0, gone: 0 };
  // Rows of the index before a full scan, and which of them the scan saw.
  const before = mode === 'full' ? ix.length : 0;
  const seen = new Uint8Array(before);
  let ended = false;
  const sample = (queue: string, id: string, reason: string) => {
    if (state.errorSamples.length < MAX_SAMPLES) state.errorSamples.push({ queue, id, reason });
  };
  try {
    for await (const lines of lineBatchesOf(stream.stdout)) {
      for (const line of lines) {
        const ev = dec.decode(line);
        if (!ev) continue;
        switch (ev.kind) {
          case 'row': {
            // A full scan fills a fresh index: only a refresh has changes to count
            // (300k Set entries were a fifth of the console's work in a full scan).
            if (mode === 'refresh') {
              // A refresh re-reads a known message only when it changed queue.
              const known = ix.byId.get(ev.row.id);
              if (known === undefined) changes.added++;
              else if (queueName(ix.queue[known]!) !== ev.row.queue) changes.moved++;
              else changes.updated++;
              touched.add(ev.row.id);
            }
            const row = ix.upsert(ev.row);
            if (row < before) seen[row] = 1;
            break;
          }
          case 'moved':
            if (ix.move(ev.id, ev.queue, ev.mtime)) changes.moved++;
            touched.add(ev.id);
            break;
          case 'gone':
            gone.push(ev.id);
            break;
          case 'seen':
            state.seen += ev.count;
            break;
          case 'error':
            state.errors++;
            sample(ev.queue, ev.id, ev.reason);
            break;
          case 'done':
            state.parsed += ev.parsed;
            break;
          case 'end':
            ended = true;
            break;
          case 'bad':
            state.errors++;
            sample('', '', `unreadable reader output: ${ev.line.slice(0, 120)}`);
            break;
          case 'hello':
            state.reader = ev.mode.endsWith('-compiled') ? 'compiled' : 'perl';
            break;
        }
      }
    }
    await stream.done;
  } catch (err) {
    stream.cancel();
    throw err;
  }
  if (!ended) throw new ReaderOutputError('the queue reader stopped before it finished (its output ended early)');
  // Applied last: a message that moved while the workers walked is reported
  // gone by one worker and found by another.
  for (const id of gone) if (!touched.has(id) && ix.remove(id)) changes.gone++;
  for (let r = 0; r < before; r++) if (!seen[r] && ix.flags[r]! & FLAG_ALIVE) ix.remove(ix.ids[r]!);
  if (mode === 'refresh') state.changes = changes;
  state.indexed = ix.live;
}

export function newIndex(): QueueIndex {
  return new QueueIndex();
}
