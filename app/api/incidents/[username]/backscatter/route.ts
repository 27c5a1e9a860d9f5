// POST /api/incidents/{username}/backscatter?host= — bounces in the victim's Maildir: preview (count, samples), quarantine (move into a Maildir++ folder), undo (move back).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { previewBackscatter, quarantineBackscatter, undoQuarantine } from '@/lib/incident/backscatter';
import { incidentAudit } from '@/lib/incident/contain';
import { incidentTarget } from '@/lib/incident/route-params';
import { backscatterBodySchema } from '@/lib/incident/schemas';

export const POST = withAuth<{ username: string }>(async ({ req, params, principal, audit }) => {
  const body = backscatterBodySchema.parse(await jsonBody(req));
  const { host, username } = await incidentTarget(req, params.username, principal);
  const a = incidentAudit(audit, username);
  if (body.action === 'preview') {
    const { domain: _d, ...preview } = await previewBackscatter(host, principal, username, body.since);
    return Response.json(preview);
  }
  if (body.action === 'quarantine') {
    const { domain, ...result } = await quarantineBackscatter(host, principal, username, body.previewId);
    await a({
      action: 'incident.backscatter.quarantine',
      target: username,
      host,
      domains: [domain],
      params: { previewId: body.previewId },
      result,
      ok: result.error === null,
      error: result.error,
    });
    return Response.json(result);
  }
  const { domain, ...result } = await undoQuarantine(host, principal, username, body.quarantineId);
  await a({
    action: 'incident.backscatter.restore',
    target: username,
    host,
    domains: [domain],
    params: { quarantineId: body.quarantineId },
    result,
    ok: result.error === null,
    error: result.error,
  });
  return Response.json(result);
});
