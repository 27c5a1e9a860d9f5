// postsuper's stderr: one line per message it handled ("postsuper:
// 8F005249014: removed") and a summary per operation ("postsuper: Deleted:
// 6077 messages"). Ids it did not find are skipped without a word, so the
// per-id lines are the exact list of what happened.
import { isQueueId } from '@/lib/postfix/queue-id';
import type { PostsuperCounts } from './types';

export type PostsuperFlag = '-d' | '-h' | '-H' | '-r';

const PER_ID_VERB: Record<PostsuperFlag, string> = {
  '-d': 'removed',
  '-h': 'placed on hold',
  '-H': 'released from hold',
  '-r': 'requeued',
};

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
