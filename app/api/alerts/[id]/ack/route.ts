// POST /api/alerts/{id}/ack — acknowledge an open alert (it still resolves on its own).
import { withAuth } from '@/lib/api/with-auth';
import { acknowledge } from '@/lib/watch/alerts-api';
import { alertIdParam } from '@/lib/watch/schemas';

export const POST = withAuth<{ id: string }>(async ({ principal, params, audit }) => {
  const alert = await acknowledge(principal, alertIdParam(params.id));
  await audit({
    action: 'alert.ack',
    target: `${alert.rule} ${alert.key}`.trim(),
    host: alert.host,
    domains: alert.domain ? [alert.domain] : [],
    params: { id: alert.id },
    ok: true,
  });
  return Response.json({ alert });
});
