// GET /api/incidents/{username}?host= — the evidence against one SASL login (score, reasons, IPs, first forged submission) and how far the response got.
import { withAuth } from '@/lib/api/with-auth';
import { loginOf } from '@/lib/incident/contain';
import { isBlockedOn } from '@/lib/incident/enforcement';
import { openIncidentOf } from '@/lib/incident/records';
import { listQuarantines } from '@/lib/incident/backscatter';
import { INCIDENT_ACTIONS } from '@/lib/incident/report';
import { progressOf } from '@/lib/incident/progress';
import { incidentRows } from '@/lib/incident/report-load';
import { incidentTarget } from '@/lib/incident/route-params';
import { suspectDetail } from '@/lib/incident/suspects';
import type { IncidentDetail } from '@/lib/incident/types';

export const GET = withAuth<{ username: string }>(async ({ req, params, principal }) => {
  const { host, username } = await incidentTarget(req, params.username, principal);
  // A login with no mailbox row (deleted, or from another auth source) is an incident all the same.
  const { box, username: login, domain } = await loginOf(principal, username);
  const [detail, rows, quarantines, blocked, record] = await Promise.all([
    suspectDetail(host, principal, login),
    incidentRows(host, login),
    box ? listQuarantines(host, login) : Promise.resolve([]),
    isBlockedOn(host, login),
    openIncidentOf(host, login),
  ]);
  const first = rows.find((r) => r.ok && (r.action === INCIDENT_ACTIONS.block || r.action === INCIDENT_ACTIONS.hold || r.action === INCIDENT_ACTIONS.reset));
  const log = detail.log;
  const body: IncidentDetail = {
    host,
    username: login,
    suspect: detail.suspect,
    log: {
      ok: detail.logState.ok,
      error: detail.logState.ok ? null : detail.logState.error,
      ips: (log?.ips ?? []).slice(0, 20),
      firstLogin: log?.firstLogin ?? null,
      firstForged: log?.firstForged ?? null,
      failures: log?.failures ?? 0,
      recentMessages: log?.recent.messages ?? 0,
    },
    queue: { indexed: detail.queue.indexed, scanning: detail.queue.scan.status === 'running' },
    mailbox: { exists: !!box, blocked: blocked || box?.flags.disablesmtpd === true, active: box?.active ?? false, domain, maildir: box?.maildir ?? '' },
    record,
    progress: progressOf(rows),
    containedAt: first ? Date.parse(first.at) : null,
    quarantines,
  };
  return Response.json(body);
});
