// GET /api/hosts/{host}/logs/blocks — deferred/bounced deliveries grouped by remote site and reply, with blocklist recognition.
import { withAuth } from '@/lib/api/with-auth';
import { logsRangeSchema } from '@/lib/maillog/schemas';
import { blocksView } from '@/lib/maillog/views';

export const GET = withAuth(async ({ host, principal, query }) => Response.json(await blocksView(host, principal, query)), {
  query: logsRangeSchema,
  host: 'name',
});
