// GET /api/incidents/records?state= — incident records, newest first (postmasters: their domains' only), each with its progress as the incident page derives it.
import { withAuth } from '@/lib/api/with-auth';
import { incidentListQuerySchema } from '@/lib/incident/record-types';
import { listIncidents } from '@/lib/incident/records';
import { progressOfRecords } from '@/lib/incident/report-load';

export const GET = withAuth(
  async ({ principal, query }) => {
    const incidents = await listIncidents(principal, query);
    const progress = await progressOfRecords(incidents);
    return Response.json({ incidents: incidents.map((r) => ({ ...r, progress: progress.get(r.id) ?? null })) });
  },
  { query: incidentListQuerySchema },
);
