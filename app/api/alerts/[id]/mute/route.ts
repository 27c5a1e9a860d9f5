// POST /api/alerts/{id}/mute — no notifications for this alert for 1 h or 24 h ({hours: 0} lifts it).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { mute } from '@/lib/watch/alerts-api';
import { alertIdParam, muteSchema } from '@/lib/watch/schemas';

export const POST = withAuth<{ id: string }>(async ({ req, principal, params, audit }) => {
  const id = alertIdParam(params.id);
  const { hours } = muteSchema.parse(await jsonBody(req));
  const alert = await mute(principal, id, hours);
  await audit({
    action: 'alert.mute',
    target: `${alert.rule} ${alert.key}`.trim(),
    host: alert.host,
    domains: alert.domain ? [alert.domain] : [],
    params: { id: alert.id, hours },
    ok: true,
  });
  return Response.json({ alert });
});
