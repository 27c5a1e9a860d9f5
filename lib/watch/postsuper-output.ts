import { isQueueId } from '@/lib/postfix/queue-id';

// postsuper names each message it moved on stderr ("postsuper: 3A1B2C4D5E:
// placed on hold"); ids it did not find are skipped without a word. That
// per-id line is how the watcher knows what it really held or released.

export type PostsuperVerb = 'placed on hold' | 'released from hold';

export function movedIds(stderr: string, verb: PostsuperVerb): string[] {
  const out: string[] = [];
  const suffix = `: ${verb}`;
  for (const line of stderr.split('\n')) {
    const m = /^postsuper: ([0-9A-Za-z]+): (.+)$/.exec(line.trim());
    if (m && `: ${m[2]}` === suffix && isQueueId(m[1]!)) out.push(m[1]!);
  }
  return out;
}

/** Valid, distinct queue ids in batches for postsuper's stdin. */
export function idBatches(ids: Iterable<string>, size = 5000): string[][] {
  const unique = [...new Set([...ids].filter(isQueueId))];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}
