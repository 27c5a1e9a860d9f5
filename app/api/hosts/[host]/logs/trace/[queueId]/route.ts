// GET /api/hosts/{host}/logs/trace/{queueId} — every log line of one message, following the link to its bounce.
import { withAuth } from '@/lib/api/with-auth';
import { queueIdParam } from '@/lib/maillog/route-params';
import { logsRangeSchema } from '@/lib/maillog/schemas';
import { traceView } from '@/lib/maillog/views';

export const GET = withAuth(
  async ({ host, principal, params, query }) => Response.json(await traceView(host, principal, queueIdParam(params.queueId), query)),
  { query: logsRangeSchema, host: 'name' },
);
