import 'server-only';
import { AppError, notFound } from '@/lib/errors';
import { domainOf, isAdmin, type Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import type { IncidentRecord, IncidentStepEntry } from './record-types';

// Incidents as records in the console's database: the first containment of a
// login on a host opens one; each step appends what it did; it is closed
// with a note and may be reopened. Postmasters see their domains' only.

type Row = Awaited<ReturnType<ReturnType<typeof db>['mwIncident']['findFirstOrThrow']>>;

function steps(text: string): IncidentStepEntry[] {
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as IncidentStepEntry[]) : [];
  } catch {
    return [];
  }
}

export function toRecord(r: Row): IncidentRecord {
  return {
    id: r.id.toString(),
    host: r.host,
    username: r.username,
    domain: r.domain,
    state: r.state === 'closed' ? 'closed' : 'open',
    openedBy: r.openedBy,
    openedAt: r.openedAt.toISOString(),
    closedBy: r.closedBy,
    closedAt: r.closedAt?.toISOString() ?? null,
    closeNote: r.closeNote,
    steps: steps(r.steps),
    hasReport: r.report !== null,
    updatedAt: r.updatedAt.toISOString(),
  };
}

const scope = (p: Principal) => (isAdmin(p) ? {} : { domain: { in: p.domains.map((d) => d.toLowerCase()) } });

export async function listIncidents(p: Principal, opts: { state?: 'open' | 'closed' } = {}): Promise<IncidentRecord[]> {
  const rows = await db().mwIncident.findMany({
    where: { ...scope(p), ...(opts.state ? { state: opts.state } : {}) },
    orderBy: { openedAt: 'desc' },
    take: 500,
  });
  return rows.map(toRecord);
}

export async function getIncident(p: Principal, id: bigint): Promise<IncidentRecord & { report: string | null }> {
  const r = await db().mwIncident.findFirst({ where: { id, ...scope(p) } });
  if (!r) throw notFound('Incident');
  return { ...toRecord(r), report: r.report };
}

/** The open incident of a login on a host, if any. */
export async function openIncidentOf(host: string, username: string): Promise<IncidentRecord | null> {
  const r = await db().mwIncident.findFirst({ where: { host, username: username.toLowerCase(), state: 'open' }, orderBy: { openedAt: 'desc' } });
  return r ? toRecord(r) : null;
}

/** Appends a step to the login's open incident, opening one first when there is none. */
export async function recordStep(host: string, username: string, actor: string, entry: Omit<IncidentStepEntry, 'at' | 'actor'>): Promise<IncidentRecord> {
  const login = username.toLowerCase();
  const now = new Date();
  const full: IncidentStepEntry = { ...entry, at: now.toISOString(), actor };
  return db().$transaction(async (tx) => {
    const open = await tx.mwIncident.findFirst({ where: { host, username: login, state: 'open' }, orderBy: { openedAt: 'desc' } });
    if (!open) {
      const made = await tx.mwIncident.create({
        data: {
          host,
          username: login,
          domain: domainOf(login).toLowerCase(),
          state: 'open',
          openedBy: actor,
          openedAt: now,
          steps: JSON.stringify([full]),
          updatedAt: now,
        },
      });
      return toRecord(made);
    }
    const list = [...steps(open.steps), full].slice(-200);
    return toRecord(await tx.mwIncident.update({ where: { id: open.id }, data: { steps: JSON.stringify(list), updatedAt: now } }));
  });
}

export async function closeIncident(p: Principal, id: bigint, note: string): Promise<IncidentRecord> {
  const cur = await getIncident(p, id);
  if (cur.state === 'closed') throw new AppError('conflict', 'The incident is already closed.');
  const now = new Date();
  return toRecord(
    await db().mwIncident.update({ where: { id }, data: { state: 'closed', closedBy: p.username, closedAt: now, closeNote: note, updatedAt: now } }),
  );
}

export async function reopenIncident(p: Principal, id: bigint): Promise<IncidentRecord> {
  const cur = await getIncident(p, id);
  if (cur.state === 'open') throw new AppError('conflict', 'The incident is open.');
  const other = await openIncidentOf(cur.host, cur.username);
  if (other) throw new AppError('conflict', `Incident ${other.id} about ${cur.username} is open already.`);
  const now = new Date();
  const list = [
    ...cur.steps,
    {
      step: 'reopen',
      ok: true,
      summary: cur.closeNote ? `closed with: ${cur.closeNote}` : 'reopened',
      at: now.toISOString(),
      actor: p.username,
    } satisfies IncidentStepEntry,
  ];
  return toRecord(
    await db().mwIncident.update({
      where: { id },
      data: { state: 'open', closedBy: null, closedAt: null, closeNote: null, steps: JSON.stringify(list), updatedAt: now },
    }),
  );
}

/** Keeps the report (markdown) with the login's open incident, the latest one when none is open. */
export async function saveReport(host: string, username: string, markdown: string): Promise<void> {
  const r = await db().mwIncident.findFirst({ where: { host, username: username.toLowerCase() }, orderBy: [{ state: 'desc' }, { openedAt: 'desc' }] });
  if (r) await db().mwIncident.update({ where: { id: r.id }, data: { report: markdown.slice(0, 4_000_000) } });
}
