// GET /api/hosts/{host}/logs/logins — SASL logins per user (or one user's IPs, timeline and submitted mail with ?user=).
import { withAuth } from '@/lib/api/with-auth';
import { hostParam } from '@/lib/maillog/route-params';
import { loginsQuerySchema } from '@/lib/maillog/schemas';
import { loginsView } from '@/lib/maillog/views';

export const GET = withAuth<{ host: string }>(async ({ req, principal, params }) => {
  const query = loginsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await loginsView(hostParam(params.host), principal, query));
});
