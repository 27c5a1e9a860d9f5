// GET /api/hosts/{host}/logs/search — the newest log lines containing a text (case-insensitive); administrators only.
import { withAuth } from '@/lib/api/with-auth';
import { searchQuerySchema } from '@/lib/maillog/schemas';
import { searchView } from '@/lib/maillog/views';

export const GET = withAuth(async ({ host, principal, query }) => Response.json(await searchView(host, principal, query)), {
  role: 'admin',
  query: searchQuerySchema,
  host: 'name',
});
