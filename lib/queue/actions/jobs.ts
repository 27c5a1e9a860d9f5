// Running queue actions, per console process (on globalThis so Next's
// module reloads in development keep them). One action per host at a time:
// two postsuper runs over the same queue would make each other's counts
// meaningless. Finished jobs are kept an hour for the page that polls them.
import { randomUUID } from 'node:crypto';
import type { QueueAction } from './schemas';
import type { ActionJobView, ActionResult, JobPhase } from './types';

const KEEP_MS = 60 * 60_000;
const MAX_KEPT = 200;

export interface Job {
  view: ActionJobView;
  started: number;
  /** Settles when the job ends (never rejects). */
  finished: Promise<void>;
  /** Settles when the job is known to be long: callers stop waiting and poll. */
  long: Promise<void>;
  /** The error as thrown, for a caller still waiting on the request. */
  failure: unknown;
  markLong(): void;
  finish(result: ActionResult | null, failure: unknown): void;
}

const store = globalThis as unknown as { __mwQueueActionJobs?: Map<string, Job>; __mwQueueActionRunning?: Map<string, string> };
const jobs = () => (store.__mwQueueActionJobs ??= new Map());
const running = () => (store.__mwQueueActionRunning ??= new Map());

function prune(now: number) {
  for (const [id, job] of jobs()) {
    const over = job.view.phase === 'done' || job.view.phase === 'failed';
    if (over && (now - job.started > KEEP_MS || jobs().size > MAX_KEPT)) jobs().delete(id);
  }
}

export function runningJob(host: string): Job | null {
  const id = running().get(host);
  return (id && jobs().get(id)) || null;
}

/** A new job holding the host's action slot; null when another one has it. */
export function createJob(host: string, action: QueueAction, actor: string, now = Date.now()): Job | null {
  prune(now);
  if (runningJob(host)) return null;
  let finish!: () => void;
  let markLong!: () => void;
  const job: Job = {
    view: { id: randomUUID(), host, action, actor, phase: 'queued', startedAt: new Date(now).toISOString(), elapsedMs: 0, total: null, done: 0, result: null, error: null },
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
      job.view.phase = failure && !result ? 'failed' : 'done';
      job.view.elapsedMs = Date.now() - job.started;
      if (running().get(host) === job.view.id) running().delete(host);
      finish();
      markLong();
    },
  };
  jobs().set(job.view.id, job);
  running().set(host, job.view.id);
  return job;
}

export function setPhase(job: Job, p: { phase: JobPhase; total?: number; done?: number }) {
  job.view.phase = p.phase;
  if (p.total !== undefined) job.view.total = p.total;
  if (p.done !== undefined) job.view.done = p.done;
}

export function findJob(id: string): Job | null {
  return jobs().get(id) ?? null;
}

/** A copy with the elapsed time as of now. */
export function jobView(job: Job, now = Date.now()): ActionJobView {
  const over = job.view.phase === 'done' || job.view.phase === 'failed';
  return { ...job.view, elapsedMs: over ? job.view.elapsedMs : now - job.started };
}
