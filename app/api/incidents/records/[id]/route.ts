// GET|PATCH /api/incidents/records/{id} — one incident record with its report and progress; PATCH closes it with a note or reopens it (audited).
import { jsonBody, withAuth } from '@/lib/api/with-auth';
import { incidentChangeSchema, incidentIdSchema } from '@/lib/incident/record-types';
import { closeIncident, getIncident, reopenIncident } from '@/lib/incident/records';
import { progressOfRecords } from '@/lib/incident/report-load';

const idOf = (raw: string | string[] | undefined) => BigInt(incidentIdSchema.parse(Array.isArray(raw) ? raw[0] : raw));

export const GET = withAuth<{ id: string }>(async ({ params, principal }) => {
  const r = await getIncident(principal, idOf(params.id));
  return Response.json({ ...r, progress: (await progressOfRecords([r])).get(r.id) ?? null });
});

export const PATCH = withAuth<{ id: string }>(async ({ req, params, principal, audit }) => {
  const id = idOf(params.id);
  const body = incidentChangeSchema.parse(await jsonBody(req));
  const before = await getIncident(principal, id);
  const target = {
    action: `incident.${body.action}`,
    target: before.username,
    host: before.host,
    domains: [before.domain],
    params: { id: id.toString(), ...(body.action === 'close' ? { note: body.note } : {}) },
  };
  try {
    const out = body.action === 'close' ? await closeIncident(principal, id, body.note) : await reopenIncident(principal, id);
    await audit({ ...target, ok: true });
    return Response.json(out);
  } catch (err) {
    await audit({ ...target, ok: false, error: err instanceof Error ? err.message : String(err) }).catch(() => undefined);
    throw err;
  }
});
