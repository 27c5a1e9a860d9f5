// POST /api/alerts/{id}/release — undo automatic containment: release the held mail (postsuper -H) and unblock sending.
import { AppError } from '@/lib/errors';
import { withAuth } from '@/lib/api/with-auth';
import { domainOf } from '@/lib/auth/principal';
import { visibleAlert } from '@/lib/watch/alerts-api';
import { release } from '@/lib/watch/containment';
import { alertIdParam } from '@/lib/watch/schemas';

export const POST = withAuth<{ id: string }>(async ({ principal, params, audit }) => {
  const id = alertIdParam(params.id);
  const before = await visibleAlert(principal, id);
  if (before.containment?.state !== 'active') throw new AppError('conflict', 'Nothing is contained for this alert.');
  const out = await release(principal, id);
  const user = out.user ?? before.containment.user;
  await audit({
    action: 'watch.release',
    target: user,
    host: before.host,
    domains: [domainOf(user)],
    params: { id: before.id },
    result: { held: out.held, released: out.released, unblocked: out.unblocked },
    ok: out.errors.length === 0,
    error: out.errors.join('; ') || null,
  });
  return Response.json({ ...out, alert: await visibleAlert(principal, id) });
});
