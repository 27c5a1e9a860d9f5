// GET /api/incidents/{username}?host= — the evidence against one SASL login (score, reasons, IPs, first forged submission) and how far the response got.
import { notFound } from '@/lib/errors';
import { withAuth } from '@/lib/api/with-auth';
import { getMailbox } from '@/lib/extmail/mailboxes';
import { listQuarantines } from '@/lib/incident/backscatter';
import { INCIDENT_ACTIONS } from '@/lib/incident/report';
import { incidentRows, progressOf } from '@/lib/incident/report-load';
import { incidentTarget } from '@/lib/incident/route-params';
import { suspectDetail } from '@/lib/incident/suspects';
import type { IncidentDetail } from '@/lib/incident/types';

export const GET = withAuth<{ username: string }>(async ({ req, params, principal }) => {
  const { host, username } = await incidentTarget(req, params.username, principal);
  const box = await getMailbox(principal, username);
  if (!box) throw notFound('Mailbox');
  const [detail, rows, quarantines] = await Promise.all([suspectDetail(host, principal, box.username), incidentRows(host, box.username), listQuarantines(host, box.username)]);
  const first = rows.find((r) => r.ok && (r.action === INCIDENT_ACTIONS.block || r.action === INCIDENT_ACTIONS.hold || r.action === INCIDENT_ACTIONS.reset));
  const log = detail.log;
  const body: IncidentDetail = {
    host,
    username: box.username,
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
    mailbox: { blocked: box.flags.disablesmtpd === true, active: box.active, domain: box.domain, maildir: box.maildir },
    progress: progressOf(rows),
    containedAt: first ? Date.parse(first.at) : null,
    quarantines,
  };
  return Response.json(body);
});
