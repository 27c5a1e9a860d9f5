// GET /api/hosts/{host}/logs/logins — SASL logins per user (or one user's IPs, timeline and submitted mail with ?user=).
import { withAuth } from '@/lib/api/with-auth';
import { loginsQuerySchema } from '@/lib/maillog/schemas';
import { loginsView } from '@/lib/maillog/views';

export const GET = withAuth(async ({ host, principal, query }) => Response.json(await loginsView(host, principal, query)), {
  query: loginsQuerySchema,
  host: 'name',
});
