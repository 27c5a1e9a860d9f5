// GET /api/alerts — open and past alerts (postmasters: their domains' users only).
import { withAuth } from '@/lib/api/with-auth';
import { listAlerts } from '@/lib/watch/alerts-api';
import { alertsQuerySchema } from '@/lib/watch/schemas';

export const GET = withAuth(async ({ principal, query }) => Response.json({ alerts: await listAlerts(principal, query) }), { query: alertsQuerySchema });
