// POST /api/hosts/{host}/hardening/apply — preview (dryRun) or apply fixes: backup, maps, postconf -e, check, reload, probes, roll back on failure.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { applyFixes, type ApplyResult } from '@/lib/hardening/apply';
import { applyBodySchema } from '@/lib/hardening/schemas';
import { hostFacts } from '@/lib/hardening/host-io';
import { auditableRun } from '@/lib/probes/run-probes';

export const POST = withAuth(
  async ({ req, host, audit, auditFailure }) => {
    const body = applyBodySchema.parse(await jsonBody(req));
    await hostFacts(host);
    const action = body.dryRun ? 'hardening.preview' : 'hardening.apply';
    // The probe login is used, never recorded: only which mailbox it was.
    const auditParams = { fixes: body.fixes, dryRun: body.dryRun, probeMailbox: body.probeLogin?.username ?? null };
    const result = await auditFailure({ action, target: host, host, params: auditParams }, () => applyFixes(host, body));
    await audit({
      action,
      target: host,
      host,
      params: auditParams,
      preview: result.preview,
      result: {
        backupId: result.backupId ?? null,
        steps: result.steps,
        rolledBack: result.rolledBack,
        probes: auditableRun({ host, source: null, warnings: result.probeWarnings, results: result.probes }).results,
      },
      ok: result.ok,
      error: result.failed ? describeFailure(result) : null,
    });
    if (!result.ok) throw new AppError('host_error', describeFailure(result), result);
    return Response.json(result);
  },
  { role: 'admin', host: 'name' },
);

function describeFailure(r: ApplyResult): string {
  const f = r.failed!;
  const what = `${f.step}${f.target ? ` (${f.target})` : ''}${f.detail ? `: ${f.detail.split('\n')[0]}` : ''}`;
  const after = r.rolledBack
    ? `main.cf was restored from backup ${r.backupId} and Postfix reloaded.`
    : `ROLLBACK FAILED — restore backup ${r.backupId} by hand.`;
  return `Apply failed at ${what}. ${after}`.slice(0, 1000);
}
