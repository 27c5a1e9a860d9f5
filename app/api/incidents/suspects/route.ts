// GET /api/incidents/suspects — SASL logins scored 0-100 from the queue index and the last 7 days of maillog, with reasons: suspects (score ≥ threshold) and others, highest first.
import { withAuth } from '@/lib/api/with-auth';
import type { SuspectsResponse } from '@/lib/dashboard/types';
import { hostsOf } from '@/lib/incident/route-params';
import { SUSPECT_SCORE } from '@/lib/incident/score';
import { findSuspects } from '@/lib/incident/suspects';
import type { Suspect } from '@/lib/incident/types';

const byScore = (a: Suspect, b: Suspect) => b.score - a.score || b.queued - a.queued || a.user.localeCompare(b.user);

export const GET = withAuth(async ({ req, principal }) => {
  const { hosts } = await hostsOf(req);
  const perHost = await Promise.all(hosts.map((h) => findSuspects(h, principal)));
  const body: SuspectsResponse = {
    suspects: perHost.flatMap((p) => p.suspects).sort(byScore),
    others: perHost
      .flatMap((p) => p.others)
      .sort(byScore)
      .slice(0, 50),
    threshold: SUSPECT_SCORE,
    hosts: perHost.map((p) => ({
      host: p.host,
      indexed: p.queue.indexed,
      scan: p.queue.scan,
      log: p.log.ok ? { ok: true } : { ok: false, error: p.log.error },
    })),
  };
  return Response.json(body);
});
