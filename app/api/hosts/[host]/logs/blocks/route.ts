// GET /api/hosts/{host}/logs/blocks — deferred/bounced deliveries grouped by remote site and reply, with blocklist recognition.
import { withAuth } from '@/lib/api/with-auth';
import { hostParam } from '@/lib/maillog/route-params';
import { logsRangeSchema } from '@/lib/maillog/schemas';
import { blocksView } from '@/lib/maillog/views';

export const GET = withAuth<{ host: string }>(async ({ req, principal, params }) => {
  const query = logsRangeSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await blocksView(hostParam(params.host), principal, query));
});
