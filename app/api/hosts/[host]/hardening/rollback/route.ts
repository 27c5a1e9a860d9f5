// POST /api/hosts/{host}/hardening/rollback — restore an earlier main.cf/master.cf backup (backing up the current one first), check, reload.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { hostFacts } from '@/lib/hardening/host-io';
import { rollbackTo } from '@/lib/hardening/rollback';
import { rollbackBodySchema } from '@/lib/hardening/schemas';

export const POST = withAuth(
  async ({ req, host, audit, auditFailure }) => {
    const { backupId } = rollbackBodySchema.parse(await jsonBody(req));
    await hostFacts(host);
    const result = await auditFailure({ action: 'hardening.rollback', target: host, host, params: { backupId } }, () => rollbackTo(host, backupId));
    const error = result.failed
      ? `Rollback to ${backupId} failed at ${result.failed.step}: ${result.failed.detail ?? ''}`.trim() +
        (result.undone ? ` The previous main.cf (backup ${result.backupId}) is back in place.` : ` Restore backup ${result.backupId} by hand.`)
      : null;
    await audit({
      action: 'hardening.rollback',
      target: host,
      host,
      params: { backupId },
      result: { backupId: result.backupId, restored: backupId, steps: result.steps, undone: result.undone },
      ok: result.ok,
      error,
    });
    if (!result.ok) throw new AppError('host_error', error!.slice(0, 1000), result);
    return Response.json(result);
  },
  { role: 'admin', host: 'name' },
);
