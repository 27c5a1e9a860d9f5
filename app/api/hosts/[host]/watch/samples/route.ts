// GET /api/hosts/{host}/watch/samples — queue sizes per queue over the last hours (default 24), for the chart.
import { withAuth } from '@/lib/api/with-auth';
import { hostParam } from '@/lib/hosts/route-params';
import { listSamples } from '@/lib/watch/samples';
import { samplesQuerySchema } from '@/lib/watch/schemas';

export const GET = withAuth<{ host: string }>(async ({ req, params }) => {
  const host = hostParam(params.host);
  const { hours } = samplesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json({ host, hours, samples: await listSamples(host, new Date(Date.now() - hours * 3_600_000)) });
});
