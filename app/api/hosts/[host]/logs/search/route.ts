// GET /api/hosts/{host}/logs/search — the newest log lines containing a text (case-insensitive); administrators only.
import { withAuth } from '@/lib/api/with-auth';
import { hostParam } from '@/lib/maillog/route-params';
import { searchQuerySchema } from '@/lib/maillog/schemas';
import { searchView } from '@/lib/maillog/views';

export const GET = withAuth<{ host: string }>(
  async ({ req, principal, params }) => {
    const query = searchQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json(await searchView(hostParam(params.host), principal, query));
  },
  { role: 'admin' },
);
