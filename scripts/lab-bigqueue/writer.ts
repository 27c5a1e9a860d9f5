// Puts one planned message into the Postfix queue: queue file (named from
// its inode like mail_queue_enter() does) plus its defer logfile.
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { contentLines } from './content';
import { formatDeferLog } from './defer-log';
import type { MessagePlan } from './population';
import { buildQueueFile } from './queue-file';
import { queueDir, shortQueueId, type QueueLayout } from './queue-id';
import type { Rng } from './random';
import { deferEntry } from './reasons';

export interface WriteTarget {
  layout: QueueLayout;
  uid: number;
  gid: number;
  myhostname: string;
  serverAddress: string;
  /** Private temp dir on the queue's file system; nothing in Postfix scans it. */
  tmpDir: string;
  /** qmgr reads a deferred file's mtime as its next retry time. */
  retryAtSec: number;
}

export interface WrittenMessage {
  id: string;
  size: number;
}

const HEX = '0123456789ABCDEF';

/** Creates every hashed subdirectory up front, owned by postfix like Postfix's own. */
export async function prepareQueueDirs(t: WriteTarget, queues: readonly string[]): Promise<void> {
  const prefixes = (depth: number): string[] => (depth === 0 ? [''] : prefixes(depth - 1).flatMap((p) => [...HEX].map((c) => `${p}${c}/`)));
  for (const q of queues) {
    const subdirs = t.layout.hashed.has(q) ? prefixes(t.layout.depth) : [''];
    for (const sub of subdirs) {
      const dir = `${t.layout.spool}/${q}/${sub}`;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await open(dir, 'r').then(async (h) => {
        await h.chown(t.uid, t.gid);
        await h.close();
      });
    }
  }
  await rm(t.tmpDir, { recursive: true, force: true });
  await mkdir(t.tmpDir, { mode: 0o700 });
}

let tmpSeq = 0;

export async function writeMessage(plan: MessagePlan, t: WriteTarget, rng: Rng): Promise<WrittenMessage> {
  const tmp = `${t.tmpDir}/${process.pid}.${tmpSeq++}`;
  // 0700 is MAIL_QUEUE_STAT_READY (a complete queue file); no one sees the
  // file before the rename, so it can be created ready.
  const fh = await open(tmp, 'wx', 0o700);
  let id: string;
  let size: number;
  let deferLog: string;
  try {
    const { ino } = await fh.stat();
    // Like Postfix, the id is the arrival's microseconds plus the inode,
    // which no other queue file can share while this one exists.
    id = shortQueueId(plan.arrival.usec, ino);
    const qf = buildQueueFile(
      {
        queueId: id,
        arrival: plan.arrival,
        sender: plan.sender,
        sasl: plan.sasl,
        client: plan.client,
        serverAddress: t.serverAddress,
        recipients: plan.recipients,
      },
      contentLines(plan, id, t.myhostname, rng),
    );
    size = qf.size;
    deferLog = formatDeferLog(plan.recipients.map((r, i) => deferEntry(r, qf.recipientOffsets[i] ?? 0, rng)));
    await fh.writeFile(qf.bytes);
    await fh.chown(t.uid, t.gid);
    if (plan.queue === 'deferred') await fh.utimes(t.retryAtSec, t.retryAtSec);
  } finally {
    await fh.close();
  }
  await rename(tmp, `${queueDir(t.layout, plan.queue, id)}${id}`);
  const log = await open(`${queueDir(t.layout, 'defer', id)}${id}`, 'w', 0o600);
  try {
    await log.writeFile(deferLog, 'latin1');
    await log.chown(t.uid, t.gid);
  } finally {
    await log.close();
  }
  return { id, size };
}
