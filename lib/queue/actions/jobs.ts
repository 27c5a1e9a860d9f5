// A queue action while this process runs it: its view, and the promises a
// waiting request races. What every process sees is the row job-store.ts
// keeps in MariaDB; this object is only the runner's live copy.
import { randomUUID } from 'node:crypto';
import type { JobProgress } from './execute';
import type { QueueAction } from './schemas';
import type { ActionJobView, ActionResult, JobPhase } from './types';

export interface Job {
  view: ActionJobView;
  started: number;
  /** Settles when the job ends and its host slot is free again (never rejects). */
  finished: Promise<void>;
  /** Settles when the job is known to be long: callers stop waiting and poll. */
  long: Promise<void>;
  /** The error as thrown, for a caller still waiting on the request. */
  failure: unknown;
  markLong(): void;
  finish(result: ActionResult | null, failure: unknown): void;
}

export const isOver = (phase: JobPhase) => phase === 'done' || phase === 'failed' || phase === 'interrupted';

export function createJob(host: string, action: QueueAction, actor: string, now = Date.now(), onFinish?: (job: Job) => Promise<void> | void): Job {
  let finish!: () => void;
  let markLong!: () => void;
  const job: Job = {
    view: {
      id: randomUUID(),
      host,
      action,
      actor,
      phase: 'queued',
      startedAt: new Date(now).toISOString(),
      elapsedMs: 0,
      total: null,
      done: 0,
      acted: 0,
      postsuper: {},
      result: null,
      error: null,
    },
    started: now,
    finished: new Promise<void>((r) => (finish = r)),
    long: new Promise<void>((r) => (markLong = r)),
    failure: null,
    markLong: () => markLong(),
    finish(result, failure) {
      job.view.result = result;
      job.failure = failure;
      if (failure) {
        const code = (failure as { code?: unknown }).code;
        job.view.error = { code: typeof code === 'string' ? code : 'internal', message: failure instanceof Error ? failure.message : String(failure) };
      }
      if (result) {
        job.view.acted = result.acted;
        job.view.postsuper = result.postsuper;
      }
      job.view.phase = failure && !result ? 'failed' : 'done';
      job.view.elapsedMs = Date.now() - job.started;
      // A caller told "done" may start the next action at once: the slot must be free by then.
      void Promise.resolve()
        .then(() => onFinish?.(job))
        .catch(() => undefined)
        .finally(() => {
          finish();
          markLong();
        });
    },
  };
  return job;
}

export function setPhase(job: Job, p: JobProgress) {
  job.view.phase = p.phase;
  if (p.total !== undefined) job.view.total = p.total;
  if (p.done !== undefined) job.view.done = p.done;
  if (p.acted !== undefined) job.view.acted = p.acted;
  if (p.postsuper !== undefined) job.view.postsuper = { ...p.postsuper };
}

/** A copy with the elapsed time as of now. */
export function jobView(job: Job, now = Date.now()): ActionJobView {
  return { ...job.view, elapsedMs: isOver(job.view.phase) ? job.view.elapsedMs : now - job.started };
}
