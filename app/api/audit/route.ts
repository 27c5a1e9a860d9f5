// GET /api/audit — filter and export the audit log (json or csv).
import { withAuth } from '@/lib/api/with-auth';
import { listAudit, toCsv } from '@/lib/audit/query';
import { auditQuerySchema } from '@/lib/audit/query-schema';

export const GET = withAuth(
  async ({ req, principal, query }) => {
    const download = new URL(req.url).searchParams.has('download');
    if (query.format === 'csv') {
      const { rows } = await listAudit(principal, query, { all: true });
      return new Response(toCsv(rows), {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="mailwarden-audit.csv"' },
      });
    }
    const result = await listAudit(principal, query, { all: download });
    return Response.json(result, download ? { headers: { 'content-disposition': 'attachment; filename="mailwarden-audit.json"' } } : undefined);
  },
  { query: auditQuerySchema },
);
