// DELETE /api/incidents/{username}/block?host= — lift Mailwarden's Postfix block of a SASL login (administrators; the same safe path as the block), kept in its incident record.
import { withAuth } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { incidentAudit } from '@/lib/incident/contain';
import { enforceBlock } from '@/lib/incident/enforcement';
import { recordStep } from '@/lib/incident/records';
import { incidentTarget } from '@/lib/incident/route-params';

export const DELETE = withAuth<{ username: string }>(
  async ({ req, params, principal, audit }) => {
    const { host, username } = await incidentTarget(req, params.username, principal);
    const out = await enforceBlock(host, { block: false, login: username, actor: principal.username });
    await incidentAudit(
      audit,
      username,
    )({
      action: 'incident.unblock',
      target: username,
      host,
      domains: [domainOf(username)],
      result: { backupId: out.backupId, steps: out.steps, rolledBack: out.rolledBack },
      ok: out.ok,
      error: out.error,
    });
    await recordStep(host, username, principal.username, {
      step: 'unblock',
      ok: out.ok,
      summary: out.ok ? 'block lifted from Mailwarden’s access map' : (out.error ?? 'failed'),
    }).catch(() => undefined);
    return Response.json(out, { status: out.ok ? 200 : 502 });
  },
  { role: 'admin' },
);
