// GET  /api/incidents/{username}/harden?host= — the host's hardening findings, worst first, and the fixes the console can apply.
// POST /api/incidents/{username}/harden?host= — preview (dryRun, the main.cf diff) or apply fixes through the hardening module (backup, check, reload, roll back on failure).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { incidentAudit } from '@/lib/incident/contain';
import { hardenRun, hardenState } from '@/lib/incident/harden';
import { incidentTarget } from '@/lib/incident/route-params';
import { hardenBodySchema } from '@/lib/incident/schemas';

type P = { username: string };

export const GET = withAuth<P>(
  async ({ req, params, principal }) => {
    const { host } = await incidentTarget(req, params.username, principal);
    return Response.json(await hardenState(host));
  },
  { role: 'admin' },
);

export const POST = withAuth<P>(
  async ({ req, params, principal, audit }) => {
    const body = hardenBodySchema.parse(await jsonBody(req));
    const { host, username } = await incidentTarget(req, params.username, principal);
    return Response.json(await hardenRun(host, body, incidentAudit(audit, username)));
  },
  { role: 'admin' },
);
