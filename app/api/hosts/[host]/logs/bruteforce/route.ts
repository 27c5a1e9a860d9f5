// GET /api/hosts/{host}/logs/bruteforce — SASL authentication failures by IP and user, over time, with a blocking suggestion.
import { withAuth } from '@/lib/api/with-auth';
import { hostParam } from '@/lib/maillog/route-params';
import { logsRangeSchema } from '@/lib/maillog/schemas';
import { bruteforceView } from '@/lib/maillog/views';

export const GET = withAuth<{ host: string }>(async ({ req, principal, params }) => {
  const query = logsRangeSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await bruteforceView(hostParam(params.host), principal, query));
});
