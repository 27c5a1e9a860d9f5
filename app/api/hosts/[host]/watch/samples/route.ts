// GET /api/hosts/{host}/watch/samples — queue sizes per queue over the last hours (default 24), for the chart.
import { withAuth } from '@/lib/api/with-auth';
import { listSamples } from '@/lib/watch/samples';
import { samplesQuerySchema } from '@/lib/watch/schemas';

export const GET = withAuth(
  async ({ host, query: { hours } }) => Response.json({ host, hours, samples: await listSamples(host, new Date(Date.now() - hours * 3_600_000)) }),
  { query: samplesQuerySchema, host: 'name' },
);
