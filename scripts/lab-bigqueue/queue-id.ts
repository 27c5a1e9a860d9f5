// Short queue IDs and queue paths as src/global/mail_queue.c makes them.

/** "%05X" of the microseconds, then "%X" of the inode (enable_long_queue_ids = no). */
export function shortQueueId(usec: number, inode: number | bigint): string {
  if (!Number.isInteger(usec) || usec < 0 || usec > 999_999) throw new RangeError(`usec out of range: ${usec}`);
  return usec.toString(16).toUpperCase().padStart(5, '0') + inode.toString(16).toUpperCase();
}

/** dir_forest(): one directory level per character of the id, `depth` levels. */
export function hashDir(queueId: string, depth: number): string {
  let out = '';
  for (let i = 0; i < depth; i++) out += `${queueId.charAt(i)}/`;
  return out;
}

export interface QueueLayout {
  spool: string;
  /** hash_queue_names, lower-cased. */
  hashed: ReadonlySet<string>;
  depth: number;
}

/** Directory (with trailing slash) that holds `queueId` in `queue`. */
export function queueDir(layout: QueueLayout, queue: string, queueId: string): string {
  const forest = layout.hashed.has(queue.toLowerCase()) ? hashDir(queueId, layout.depth) : '';
  return `${layout.spool}/${queue}/${forest}`;
}
