// POST /api/incidents/{username}/contain?host= — preview (dryRun) or run: block sending (with the enforcement proof), reset the password (returned once), hold the login's queued mail and its chosen IPs'.
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { containPreview, containRun } from '@/lib/incident/contain';
import { incidentTarget } from '@/lib/incident/route-params';
import { containBodySchema } from '@/lib/incident/schemas';

export const POST = withAuth<{ username: string }>(async ({ req, params, principal, audit }) => {
  const body = containBodySchema.parse(await jsonBody(req));
  const { host, username } = await incidentTarget(req, params.username, principal);
  if (body.dryRun) return Response.json(await containPreview(host, principal, username));
  // The new password is in this answer once: nothing may cache it.
  return Response.json(await containRun(host, principal, username, body, audit), { headers: { 'cache-control': 'no-store' } });
});
