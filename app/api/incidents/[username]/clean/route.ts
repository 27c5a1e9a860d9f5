// POST /api/incidents/{username}/clean?host= — preview (dryRun) or delete the login's held mail (and its chosen IPs' held mail); nothing outside the hold queue.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { cleanPreview, cleanRun } from '@/lib/incident/clean';
import { incidentTarget } from '@/lib/incident/route-params';
import { cleanBodySchema } from '@/lib/incident/schemas';

export const POST = withAuth<{ username: string }>(async ({ req, params, principal, audit }) => {
  const body = cleanBodySchema.parse(await jsonBody(req));
  const { host, username } = await incidentTarget(req, params.username, principal);
  if (body.dryRun) return Response.json(await cleanPreview(host, principal, username, body.ips));
  return Response.json(await cleanRun(host, principal, username, body, audit));
});
