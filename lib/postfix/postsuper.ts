// postsuper's stderr: one line per message it handled ("postsuper:
// 8F005249014: removed") and a summary per operation ("postsuper: Deleted:
// 6077 messages"). Ids it did not find are skipped without a word, so the
// per-id lines are the exact list of what happened. The one reader of it,
// for queue actions and the watcher's containment alike.
import type { QueueName } from './envelope';
import { isQueueId } from './queue-id';

/** postsuper's summary lines, added up per operation. */
export type PostsuperCounts = Partial<Record<'deleted' | 'held' | 'released' | 'requeued', number>>;

export type PostsuperFlag = '-d' | '-h' | '-H' | '-r';

const PER_ID_VERB = {
  '-d': 'removed',
  '-h': 'placed on hold',
  '-H': 'released from hold',
  '-r': 'requeued',
} as const satisfies Record<PostsuperFlag, string>;

export type PostsuperVerb = (typeof PER_ID_VERB)[PostsuperFlag];

const SUMMARY: [RegExp, keyof PostsuperCounts][] = [
  [/^Deleted: (\d+) messages?$/, 'deleted'],
  [/^Placed on hold: (\d+) messages?$/, 'held'],
  [/^Released from hold: (\d+) messages?$/, 'released'],
  [/^Requeued: (\d+) messages?$/, 'requeued'],
];

export interface PostsuperOutput {
  /** Ids postsuper named with the verb of `flag`. */
  acted: string[];
  counts: PostsuperCounts;
  /** warning:/fatal: lines, for the result and the audit. */
  problems: string[];
}

export function parsePostsuperStderr(stderr: string, flag: PostsuperFlag): PostsuperOutput {
  const verb = PER_ID_VERB[flag];
  const acted: string[] = [];
  const counts: PostsuperCounts = {};
  const problems: string[] = [];
  for (const raw of stderr.split('\n')) {
    const line = raw.trim();
    const m = /^postsuper: (.*)$/.exec(line);
    if (!m) continue;
    const body = m[1]!;
    const perId = /^([0-9A-Za-z]+): (.+)$/.exec(body);
    if (perId && perId[2] === verb && isQueueId(perId[1]!)) {
      acted.push(perId[1]!);
      continue;
    }
    const summary = SUMMARY.find(([re]) => re.test(body));
    if (summary) {
      const key = summary[1];
      counts[key] = (counts[key] ?? 0) + Number(summary[0].exec(body)![1]);
      continue;
    }
    if (/^(warning|fatal|error):/.test(body) && problems.length < 20) problems.push(body.slice(0, 300));
  }
  return { acted, counts, problems };
}

export function addCounts(a: PostsuperCounts, b: PostsuperCounts): PostsuperCounts {
  const out: PostsuperCounts = { ...a };
  for (const [k, v] of Object.entries(b) as [keyof PostsuperCounts, number][]) out[k] = (out[k] ?? 0) + v;
  return out;
}

const FLAG_OF = Object.fromEntries(Object.entries(PER_ID_VERB).map(([flag, verb]) => [verb, flag])) as Record<PostsuperVerb, PostsuperFlag>;

/** The ids postsuper says it handled with `verb` ("placed on hold", ...). */
export const movedIds = (stderr: string, verb: PostsuperVerb): string[] => parsePostsuperStderr(stderr, FLAG_OF[verb]).acted;

/** Valid, distinct queue ids in batches for postsuper's stdin. */
export function idBatches(ids: Iterable<string>, size = 5000): string[][] {
  const unique = [...new Set([...ids].filter(isQueueId))];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}

/** Where a message is after postsuper handled it (null: it is gone). */
export function queueAfter(flag: PostsuperFlag): Extract<QueueName, 'hold' | 'deferred' | 'maildrop'> | null {
  if (flag === '-h') return 'hold';
  if (flag === '-H') return 'deferred';
  // Requeued files wait in maildrop until pickup gives them a new id; the next refresh sees that.
  if (flag === '-r') return 'maildrop';
  return null;
}
