// GET /api/incidents/suspects — SASL logins scored 0-100 from the queue index and the last 7 days of maillog, with reasons, highest first.
import { withAuth } from '@/lib/api/with-auth';
import type { SuspectsResponse } from '@/lib/dashboard/types';
import { hostsOf } from '@/lib/incident/route-params';
import { findSuspects } from '@/lib/incident/suspects';

export const GET = withAuth(async ({ req, principal }) => {
  const { hosts } = await hostsOf(req);
  const perHost = await Promise.all(hosts.map((h) => findSuspects(h, principal)));
  const body: SuspectsResponse = {
    suspects: perHost.flatMap((p) => p.suspects).sort((a, b) => b.score - a.score || b.queued - a.queued).slice(0, 30),
    hosts: perHost.map((p) => ({ host: p.host, indexed: p.queue.indexed, scan: p.queue.scan, log: p.log.ok ? { ok: true } : { ok: false, error: p.log.error } })),
  };
  return Response.json(body);
});
