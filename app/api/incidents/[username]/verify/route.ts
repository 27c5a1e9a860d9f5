// POST /api/incidents/{username}/verify?host= — {check: "probes"}: live SMTP probes (relay; the account's new password: blocked-login, or forged/own sender; optionally another mailbox), administrators only. {check: "queue"}: a fresh count of the queue and of the account's mail since containment.
import { AppError } from '@/lib/errors';
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { incidentAudit } from '@/lib/incident/contain';
import { INCIDENT_ACTIONS } from '@/lib/incident/report';
import { incidentTarget } from '@/lib/incident/route-params';
import { recordStep } from '@/lib/incident/records';
import { verifyBodySchema } from '@/lib/incident/schemas';
import { verifyProbes, verifyQueue } from '@/lib/incident/verify';

export const POST = withAuth<{ username: string }>(async ({ req, params, principal, audit }) => {
  const body = verifyBodySchema.parse(await jsonBody(req));
  const { host, username } = await incidentTarget(req, params.username, principal);
  const a = incidentAudit(audit, username);
  if (body.check === 'probes') {
    if (principal.role !== 'admin') throw new AppError('forbidden', 'Administrators only.');
    const out = await verifyProbes(host, principal, username, { password: body.password, other: body.other });
    // Logins are used, never recorded: only which mailboxes the probes logged in as.
    await a({
      action: INCIDENT_ACTIONS.probes,
      target: host,
      host,
      domains: [out.domain],
      params: { probes: out.runs.flatMap((r) => r.results.map((p) => p.name)), mailboxes: out.runs.map((r) => r.username).filter(Boolean) },
      result: {
        source: out.source,
        warnings: out.warnings,
        enforced: out.enforcement.enforced,
        results: out.runs.flatMap((r) =>
          r.results.map((p) => ({ name: p.name, login: r.login, ok: p.passed, note: p.note ?? null, transcript: p.transcript })),
        ),
      },
      ok: out.untested === null && out.passed === out.total,
      error:
        out.passed !== out.total
          ? `${out.total - out.passed} of ${out.total} probes failed`
          : out.untested
            ? `the block was not tested: ${out.untested}`
            : null,
    });
    await recordStep(host, username, principal.username, {
      step: 'verify',
      ok: out.untested === null ? out.passed === out.total : null,
      summary: `${out.passed} of ${out.total} probes passed${out.untested ? `; block not tested: ${out.untested}` : ''}`,
    }).catch(() => undefined);
    return Response.json(out);
  }
  const { ips, containedAt, ...count } = await verifyQueue(host, principal, username);
  await a({ action: INCIDENT_ACTIONS.queueCheck, target: username, host, params: { ips }, result: { ...count, growing: count.newSince > 0 }, ok: true });
  return Response.json({ ...count, containedAt });
});
