// GET /api/hosts/{host}/queue — the indexed queue: filtered, sorted, paged rows, facets and scan state.
import { withAuth } from '@/lib/api/with-auth';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import { queueHost } from '@/lib/queue/hosts';
import { emptyFacets, queryQueue } from '@/lib/queue/query';
import { queueQuerySchema } from '@/lib/queue/schemas';
import type { QueueListResponse } from '@/lib/queue/types';

type P = { host: string };

export const GET = withAuth<P>(async ({ req, params, principal }) => {
  const query = queueQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const host = await queueHost(params.host);
  const hq = hostQueue(host);
  const body: QueueListResponse = hq.index
    ? { ...queryQueue(hq.index, query, principal), scan: snapshot(hq) }
    : { total: 0, rows: [], facets: emptyFacets(), scan: snapshot(hq) };
  return Response.json(body);
});
