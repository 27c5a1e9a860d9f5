import 'server-only';
import { randomUUID } from 'node:crypto';
import { AppError } from '@/lib/errors';
import type { AuditInput } from '@/lib/api/with-auth';
import type { Principal } from '@/lib/auth/principal';
import { filterContext } from '@/lib/queue/bounce-resolve';
import { hostQueue } from '@/lib/queue/host-queues';
import { confirmationFor, confirmMatches } from './confirm';
import { executeAction } from './execute';
import { auditDomains, idsFromAudit, targetLabel } from './from-audit';
import { saveActionIds } from './id-store';
import { runningJob, startJob, type StartedJob } from './job-store';
import { jobView } from './jobs';
import { buildPreview } from './preview';
import { findPreview, savePreview } from './preview-store';
import { targetKey } from './previews';
import { hostDeps } from './host-deps';
import type { ActionRequest } from './schemas';
import type { ActionPreview, ActionResponse, ActionResult } from './types';

// The console side of queue actions: preview, run as a job, store the
// exact ids, audit. POSTs wait for small actions and hand back a job to
// poll for long ones.

/** Above this many ids the POST answers at once with a job to poll (MW_QUEUE_ACTION_LONG_IDS tunes it, e.g. for e2e). */
export const LONG_ACTION_IDS = Number(process.env.MW_QUEUE_ACTION_LONG_IDS) || 5_000;
/** ...and also when the refresh alone takes this long. */
const WAIT_MS = 15_000;

type Audit = (entry: AuditInput) => Promise<void>;

function indexOrConflict(host: string) {
  const ix = hostQueue(host).index;
  if (!ix) throw new AppError('conflict', 'The queue of this host has not been read yet: scan it first.');
  return ix;
}

async function targetIds(host: string, req: ActionRequest, principal: Principal): Promise<string[] | undefined> {
  if (req.fromAudit !== undefined) return idsFromAudit(host, BigInt(req.fromAudit), principal);
  return req.ids;
}

export async function previewQueueAction(host: string, req: ActionRequest, principal: Principal): Promise<ActionPreview> {
  const ix = indexOrConflict(host);
  const ids = await targetIds(host, req, principal);
  const now = Date.now();
  const target = { action: req.action, filter: ids ? undefined : (req.filter ?? {}), ids };
  const ctx = target.filter ? await filterContext(host, ix, target.filter) : {};
  const { preview, selection } = buildPreview(ix, target, principal, {
    host,
    now: Math.floor(now / 1000),
    previewId: randomUUID(),
    indexAt: hostQueue(host).state.finishedAt,
    filterContext: ctx,
  });
  await savePreview({
    id: preview.previewId,
    host,
    actor: principal.username,
    action: req.action,
    key: targetKey(target),
    ids: selection.ids,
    count: selection.ids.length,
    summary: { byQueue: preview.byQueue, total: preview.total, legitLooking: preview.legitLooking },
    at: now,
  });
  return preview;
}

export async function runQueueAction(host: string, req: ActionRequest, principal: Principal, audit: Audit): Promise<{ status: number; body: ActionResponse }> {
  const busy = await runningJob(host);
  if (busy) throw new AppError('conflict', 'Another queue action is running on this host; wait for it to finish.', { job: busy });
  const ids = await targetIds(host, req, principal);
  const filter = ids ? undefined : (req.filter ?? {});
  const key = targetKey({ filter, ids });
  const preview = req.previewId ? await findPreview(req.previewId, { host, actor: principal.username, action: req.action, key }) : null;
  // A preview made through another console process stands for a scan: this
  // process builds its own index in the action's refresh (a full read).
  if (!preview) indexOrConflict(host);
  const started = await startJob(host, req.action, principal.username);
  if (!started) throw new AppError('conflict', 'Another queue action is running on this host; wait for it to finish.');
  const { job } = started;
  void work(started, host, req, { ids, filter, preview }, principal, audit);
  await Promise.race([job.finished, job.long, new Promise((r) => setTimeout(r, WAIT_MS))]);
  const view = jobView(job);
  if (view.phase === 'done' && view.result) return { status: 200, body: { kind: 'result', result: view.result, job: view } };
  if (view.phase === 'failed') throw job.failure instanceof AppError ? job.failure : new AppError('internal', view.error?.message ?? 'The action failed.');
  return { status: 202, body: { kind: 'job', job: view } };
}

async function work(
  { job, progress }: StartedJob,
  host: string,
  req: ActionRequest,
  t: { ids?: string[]; filter?: ActionRequest['filter']; preview: Awaited<ReturnType<typeof findPreview>> },
  principal: Principal,
  audit: Audit,
): Promise<void> {
  const started = Date.now();
  let result: ActionResult | null = null;
  let failure: unknown = null;
  try {
    const deps = hostDeps(host);
    const outcome = await executeAction(
      { action: req.action, filter: t.filter, ids: t.ids, preview: t.preview, who: principal },
      {
        ...deps,
        progress,
        beforeExecute(sel, { flushAll }) {
          const c = confirmationFor({ count: sel.ids.length, filter: t.filter ?? null, selected: t.ids ? sel.ids.length : null, flushAll, host });
          // A count to type is the count the admin was shown, not one that moved since.
          if (c.kind === 'count' && t.preview && !t.ids) c.expected = String(t.preview.count);
          if (!confirmMatches(c, req.confirm)) {
            throw new AppError('invalid', `This touches ${sel.ids.length} messages: type ${c.expected} to confirm.`, { confirmation: c });
          }
          if (sel.ids.length > LONG_ACTION_IDS) job.markLong();
        },
      },
    );
    // Read before any await: deleted rows' slots may be reused by the next scan.
    const domains = auditDomains(hostQueue(host).index, outcome.selection.rows, principal);
    const actionId = randomUUID();
    result = { ...outcome.result, actionId, host };
    failure = outcome.failure;
    await saveActionIds(actionId, host, outcome.passed, outcome.acted);
    await audit({
      action: `queue.${req.action}`,
      target: targetLabel(t.filter, t.ids, req.fromAudit),
      host,
      domains,
      params: {
        ...(t.filter ? { filter: t.filter } : { selectedCount: t.ids?.length ?? 0 }),
        ...(req.fromAudit !== undefined ? { fromAudit: String(req.fromAudit) } : {}),
        previewId: t.preview?.id ?? null,
      },
      preview: t.preview
        ? t.preview.summary
        : {
            byQueue: outcome.selection.byQueue,
            total: outcome.selection.ids.length,
            legitLooking: outcome.selection.legitLooking,
            note: 'no preview: counted at execution',
          },
      result: { ...result, idsTable: 'mw_queue_action_ids', problems: outcome.problems },
      ok: failure === null,
      error: result.error,
    });
  } catch (err) {
    failure = err;
  } finally {
    if (result) result.durationMs = Math.max(result.durationMs, Date.now() - started);
    job.finish(result, failure);
  }
}
