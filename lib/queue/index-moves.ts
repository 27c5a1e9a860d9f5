import { queueAfter, type PostsuperFlag } from '@/lib/postfix/postsuper';
import type { QueueIndex } from './index-store';

// What postsuper did, written into the index at once, so the queue page shows
// it before the next scan: by queue actions and by the watcher's containment.

/** Moves (or, for -d, removes) the ids postsuper named; ids the index does not hold are skipped. */
export function noteActed(ix: QueueIndex, acted: Iterable<string>, flag: PostsuperFlag): void {
  const to = queueAfter(flag);
  for (const id of acted) {
    const row = ix.byId.get(id);
    if (row === undefined) continue;
    if (to) ix.move(id, to, ix.mtime[row]!);
    else ix.remove(id);
  }
}
