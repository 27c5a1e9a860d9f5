// GET /api/alerts — open and past alerts (postmasters: their domains' users only).
import { withAuth } from '@/lib/api/with-auth';
import { listAlerts } from '@/lib/watch/alerts-api';
import { alertsQuerySchema } from '@/lib/watch/schemas';

export const GET = withAuth(async ({ req, principal }) => {
  const q = alertsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json({ alerts: await listAlerts(principal, q) });
});
