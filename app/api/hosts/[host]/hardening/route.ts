// GET /api/hosts/{host}/hardening — assess the host's Postfix configuration; list backups; flag an interrupted apply.
import { withAuth } from '@/lib/api/with-auth';
import { loadHardeningState } from '@/lib/hardening/state';
import { hostParam } from '@/lib/hosts/route-params';

export const GET = withAuth<{ host: string }>(
  async ({ params }) => {
    const host = hostParam(params.host);
    return Response.json(await loadHardeningState(host));
  },
  { role: 'admin' },
);
