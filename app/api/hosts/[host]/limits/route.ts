// GET /api/hosts/{host}/limits — sending limits: the policy, the service's state, counters per login (postmasters: their domains).
// POST /api/hosts/{host}/limits — preview (dryRun) or apply a policy: postfwd ruleset, then main.cf via backup, check, reload, roll back on failure.
// DELETE /api/hosts/{host}/limits — take the policy check out of main.cf (same safe path) and stop the service.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { hostFacts } from '@/lib/hardening/host-io';
import { applyLimits, removeLimits, type LimitsResult } from '@/lib/limits/apply';
import { applyLimitsBodySchema } from '@/lib/limits/schemas';
import { loadLimits } from '@/lib/limits/store';
import { limitsView } from '@/lib/limits/view';

export const GET = withAuth(
  async ({ host, principal }) => {
    await hostFacts(host);
    return Response.json(await limitsView(host, principal));
  },
  { host: 'name' },
);

const failure = (r: LimitsResult) =>
  `Failed at ${r.failed?.step}${r.failed?.detail ? `: ${r.failed.detail.split('\n')[0]}` : ''}.${r.backupId ? (r.rolledBack ? ` main.cf was restored from ${r.backupId}.` : ` Restore ${r.backupId} by hand.`) : ''}`.slice(
    0,
    1000,
  );

export const POST = withAuth(
  async ({ req, host, principal, audit, auditFailure }) => {
    const body = applyLimitsBodySchema.parse(await jsonBody(req));
    await hostFacts(host);
    const action = body.dryRun ? 'limits.preview' : 'limits.apply';
    const result = await auditFailure({ action, target: host, host, params: body.policy }, () =>
      applyLimits(host, body.policy, { dryRun: body.dryRun, actor: principal.username }),
    );
    await audit({
      action,
      target: host,
      host,
      params: body.policy,
      preview: result.preview,
      result: { steps: result.steps, backupId: result.backupId ?? null, rolledBack: result.rolledBack },
      ok: result.ok,
      error: result.ok ? null : failure(result),
    });
    if (!result.ok) throw new AppError('host_error', failure(result), result);
    return Response.json(result);
  },
  { role: 'admin', host: 'name' },
);

export const DELETE = withAuth(
  async ({ host, principal, audit }) => {
    await hostFacts(host);
    const result = await removeLimits(host, { actor: principal.username, policy: (await loadLimits(host)).policy });
    await audit({
      action: 'limits.remove',
      target: host,
      host,
      result: { steps: result.steps, backupId: result.backupId ?? null, rolledBack: result.rolledBack },
      ok: result.ok,
      error: result.ok ? null : failure(result),
    });
    if (!result.ok) throw new AppError('host_error', failure(result), result);
    return Response.json(result);
  },
  { role: 'admin', host: 'name' },
);
