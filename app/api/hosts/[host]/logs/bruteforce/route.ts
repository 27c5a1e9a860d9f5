// GET /api/hosts/{host}/logs/bruteforce — SASL authentication failures by IP and user, over time, with a blocking suggestion.
import { withAuth } from '@/lib/api/with-auth';
import { logsRangeSchema } from '@/lib/maillog/schemas';
import { bruteforceView } from '@/lib/maillog/views';

export const GET = withAuth(async ({ host, principal, query }) => Response.json(await bruteforceView(host, principal, query)), {
  query: logsRangeSchema,
  host: 'name',
});
