// GET /api/hosts/{host}/queue — the indexed queue: filtered, sorted, paged rows, facets and scan state.
import { withAuth } from '@/lib/api/with-auth';
import { filterContext } from '@/lib/queue/bounce-resolve';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import { emptyFacets, queryQueue } from '@/lib/queue/query';
import { queueQuerySchema } from '@/lib/queue/schemas';
import type { QueueListResponse } from '@/lib/queue/types';

export const GET = withAuth(
  async ({ host, principal, query }) => {
    const hq = hostQueue(host);
    const ix = hq.index;
    const body: QueueListResponse = ix
      ? { ...queryQueue(ix, query, principal, undefined, await filterContext(host, ix, { bounceOf: query.bounceOf })), scan: snapshot(hq) }
      : { total: 0, rows: [], facets: emptyFacets(), scan: snapshot(hq) };
    return Response.json(body);
  },
  { query: queueQuerySchema, host: 'registered' },
);
