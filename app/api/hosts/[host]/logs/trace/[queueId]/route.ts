// GET /api/hosts/{host}/logs/trace/{queueId} — every log line of one message, following the link to its bounce.
import { withAuth } from '@/lib/api/with-auth';
import { hostParam, queueIdParam } from '@/lib/maillog/route-params';
import { logsRangeSchema } from '@/lib/maillog/schemas';
import { traceView } from '@/lib/maillog/views';

export const GET = withAuth<{ host: string; queueId: string }>(async ({ req, principal, params }) => {
  const query = logsRangeSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await traceView(hostParam(params.host), principal, queueIdParam(params.queueId), query));
});
