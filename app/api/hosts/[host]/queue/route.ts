// GET /api/hosts/{host}/queue — the indexed queue: filtered, sorted, paged rows, facets and scan state.
import { withAuth } from '@/lib/api/with-auth';
import { hostQueue, snapshot } from '@/lib/queue/host-queues';
import { emptyFacets, queryQueue } from '@/lib/queue/query';
import { queueQuerySchema } from '@/lib/queue/schemas';
import type { QueueListResponse } from '@/lib/queue/types';

export const GET = withAuth(
  async ({ host, principal, query }) => {
    const hq = hostQueue(host);
    const body: QueueListResponse = hq.index
      ? { ...queryQueue(hq.index, query, principal), scan: snapshot(hq) }
      : { total: 0, rows: [], facets: emptyFacets(), scan: snapshot(hq) };
    return Response.json(body);
  },
  { query: queueQuerySchema, host: 'registered' },
);
