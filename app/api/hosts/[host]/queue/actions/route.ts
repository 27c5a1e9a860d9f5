// POST /api/hosts/{host}/queue/actions — hold, release, requeue, delete or flush queued mail by filter, selection or audit entry: preview (dryRun) or run. GET ?job= — progress of a long action.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { findJob } from '@/lib/queue/actions/job-store';
import { actionRequestSchema, jobQuerySchema } from '@/lib/queue/actions/schemas';
import { previewQueueAction, runQueueAction } from '@/lib/queue/actions/service';
import type { ActionResponse } from '@/lib/queue/actions/types';
import { registeredHost } from '@/lib/hosts/registered';

type P = { host: string };

export const POST = withAuth<P>(async ({ req, params, principal, audit }) => {
  // Validated in full first: one bad id is a 422 and nothing runs.
  const body = actionRequestSchema.parse(await jsonBody(req));
  const host = await registeredHost(params.host);
  if (body.dryRun) {
    const preview: ActionResponse = { kind: 'preview', preview: await previewQueueAction(host, body, principal) };
    return Response.json(preview);
  }
  const { status, body: answer } = await runQueueAction(host, body, principal, audit);
  return Response.json(answer, { status });
});

export const GET = withAuth(
  async ({ host, principal, query: { job: id } }) => {
    // Any console process answers: the job is read from the database (interrupted if its process died).
    const job = await findJob(id);
    // Someone else's job reads as no job at all, unless you are an admin.
    if (!job || job.host !== host || (principal.role !== 'admin' && job.actor !== principal.username)) throw new AppError('not_found', 'No such queue action.');
    return Response.json({ job });
  },
  { query: jobQuerySchema, host: 'registered' },
);
