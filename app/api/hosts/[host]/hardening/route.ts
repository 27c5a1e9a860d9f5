// GET /api/hosts/{host}/hardening — assess the host's Postfix configuration; list backups; flag an interrupted apply.
import { withAuth } from '@/lib/api/with-auth';
import { loadHardeningState } from '@/lib/hardening/state';

export const GET = withAuth(
  async ({ host }) => {
    return Response.json(await loadHardeningState(host));
  },
  { role: 'admin', host: 'name' },
);
