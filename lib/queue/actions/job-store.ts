import 'server-only';
import { db } from '@/lib/db';
import { hostLockName, lockHolder, tryLock } from '@/lib/locks/named-lock';
import { createJob, isOver, jobView, setPhase, type Job } from './jobs';
import type { JobProgress } from './execute';
import type { QueueAction } from './schemas';
import type { PostsuperCounts } from '@/lib/postfix/postsuper';
import type { ActionJobView, ActionResult, JobPhase } from './types';

// Queue action jobs shared by every console process. One action per host
// at a time (two postsuper runs over one queue make each other's counts
// meaningless): the runner holds the host's 'queue-action' named lock on a
// connection of its own for the whole job and writes its progress to
// mw_queue_job. A row that is not over while the lock is no longer held by
// the connection it names belongs to a process that died: it reads as
// interrupted, with the ids passed and postsuper's counts as last written.

const g = globalThis as unknown as { __mwQueueJobsHere?: Map<string, Job> };
/** Jobs this process is running now (their live copy; the row may lag a moment). */
const here = () => (g.__mwQueueJobsHere ??= new Map());

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof db>['mwQueueJob']['findUnique']>>>;

const parse = <T>(s: string | null | undefined, empty: T): T => {
  try {
    return s ? (JSON.parse(s) as T) : empty;
  } catch {
    return empty;
  }
};

function rowView(r: Row, now = Date.now()): ActionJobView {
  const phase = r.phase as JobPhase;
  return {
    id: r.id,
    host: r.host,
    action: r.action as QueueAction,
    actor: r.actor,
    phase,
    startedAt: r.startedAt.toISOString(),
    elapsedMs: isOver(phase) ? r.elapsedMs : now - r.startedAt.getTime(),
    total: r.total,
    done: r.done,
    acted: r.acted,
    postsuper: parse<PostsuperCounts>(r.postsuper, {}),
    result: parse<ActionResult | null>(r.result, null),
    error: parse<ActionJobView['error']>(r.error, null),
  };
}

export function interruptedMessage(v: Pick<ActionJobView, 'phase' | 'total' | 'done' | 'acted' | 'postsuper'>): string {
  const counts =
    Object.entries(v.postsuper)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ') || 'nothing yet';
  return `The console process running this action stopped (phase ${v.phase}): ${v.done} of ${v.total ?? '?'} ids had been passed to postsuper, which reported ${v.acted} handled (${counts}). Scan the queue to see what is left.`;
}

/** Writes the job's state; serialized so an older write never lands after a newer one. */
function persister(job: Job) {
  let chain = Promise.resolve();
  const write = () => {
    const v = job.view;
    chain = chain.then(() =>
      db()
        .mwQueueJob.update({
          where: { id: v.id },
          data: {
            phase: v.phase,
            total: v.total,
            done: v.done,
            acted: v.acted,
            postsuper: JSON.stringify(v.postsuper),
            result: v.result ? JSON.stringify(v.result) : null,
            error: v.error ? JSON.stringify(v.error) : null,
            elapsedMs: isOver(v.phase) ? v.elapsedMs : Date.now() - job.started,
            updatedAt: new Date(),
          },
        })
        .then(
          () => undefined,
          () => undefined,
        ),
    );
    return chain;
  };
  return {
    /** Every phase change and every postsuper batch (a batch is up to 20,000 ids: a handful of writes). */
    progress(p: JobProgress) {
      const changed = p.phase !== job.view.phase || (p.done !== undefined && p.done !== job.view.done);
      setPhase(job, p);
      if (changed) void write();
    },
    flush: write,
  };
}

export interface StartedJob {
  job: Job;
  progress(p: JobProgress): void;
}

/** A new job holding the host's action slot; null when another one (in any process) has it. */
export async function startJob(host: string, action: QueueAction, actor: string): Promise<StartedJob | null> {
  const lock = await tryLock(hostLockName('queue-action', host));
  if (!lock) return null;
  try {
    let persist: ReturnType<typeof persister> | null = null;
    const job = createJob(host, action, actor, Date.now(), (j) => {
      // Written before the lock goes: a reader must never see a free lock and a running row.
      return persist!.flush().finally(() => {
        here().delete(j.view.id);
        return lock.release();
      });
    });
    persist = persister(job);
    const v = job.view;
    await db().mwQueueJob.create({
      data: {
        id: v.id,
        host,
        action,
        actor,
        phase: v.phase,
        total: null,
        done: 0,
        acted: 0,
        postsuper: '{}',
        lockConn: BigInt(lock.connectionId),
        startedAt: new Date(job.started),
        updatedAt: new Date(job.started),
      },
    });
    here().set(v.id, job);
    void pruneJobs();
    return { job, progress: (p) => persist!.progress(p) };
  } catch (err) {
    await lock.release();
    throw err;
  }
}

/** The view of a stored row, marking it interrupted when its runner is gone. */
async function resolveRow(r: Row): Promise<ActionJobView> {
  const v = rowView(r);
  if (isOver(v.phase)) return v;
  const holder = await lockHolder(hostLockName('queue-action', r.host));
  if (holder === Number(r.lockConn)) return v;
  // Re-read: the runner may have finished between the two reads.
  const again = await db().mwQueueJob.findUnique({ where: { id: r.id } });
  if (!again) return v;
  const fresh = rowView(again);
  if (isOver(fresh.phase)) return fresh;
  const error = { code: 'interrupted', message: interruptedMessage(fresh) };
  const elapsedMs = again.updatedAt.getTime() - again.startedAt.getTime();
  await db().mwQueueJob.updateMany({ where: { id: r.id, phase: again.phase }, data: { phase: 'interrupted', error: JSON.stringify(error), elapsedMs } });
  return { ...fresh, phase: 'interrupted', error, elapsedMs };
}

export async function findJob(id: string): Promise<ActionJobView | null> {
  const live = here().get(id);
  if (live) return jobView(live);
  const r = await db().mwQueueJob.findUnique({ where: { id } });
  return r ? resolveRow(r) : null;
}

/** The action running on this host now, in whichever process. */
export async function runningJob(host: string): Promise<ActionJobView | null> {
  for (const j of here().values()) if (j.view.host === host && !isOver(j.view.phase)) return jobView(j);
  const holder = await lockHolder(hostLockName('queue-action', host));
  if (holder === null) return null;
  const r = await db().mwQueueJob.findFirst({ where: { host, lockConn: BigInt(holder) }, orderBy: { startedAt: 'desc' } });
  // A row already over is a runner letting go of the lock this moment.
  return r && !isOver(r.phase as JobPhase) ? rowView(r) : null;
}

const KEEP_DAYS = 30;

/** Old rows go; interrupted and failed ones stay as long as the rest, for the record. */
async function pruneJobs(): Promise<void> {
  await db()
    .mwQueueJob.deleteMany({ where: { startedAt: { lt: new Date(Date.now() - KEEP_DAYS * 86400_000) } } })
    .catch(() => undefined);
}
