// GET /api/incidents/records?state= — incident records, newest first (postmasters: their domains' only).
import { withAuth } from '@/lib/api/with-auth';
import { incidentListQuerySchema } from '@/lib/incident/record-types';
import { listIncidents } from '@/lib/incident/records';

export const GET = withAuth(async ({ principal, query }) => Response.json({ incidents: await listIncidents(principal, query) }), {
  query: incidentListQuerySchema,
});
