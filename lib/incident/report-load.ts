import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { buildReport, INCIDENT_ACTIONS, type AuditLike, type IncidentReport } from './report';
import { currentRecord, progressOf, rowsOfIncident, type IncidentProgress } from './progress';
import type { IncidentRecord } from './record-types';
import { loadHardeningState } from '@/lib/hardening/state';
import { blocksView } from '@/lib/maillog/views';
import { selectTargets } from '@/lib/queue/actions/select';
import { aggregateHostLogs } from '@/lib/maillog/scan';
import { resolveRange } from '@/lib/maillog/schemas';
import { filterContext, rememberSenders } from '@/lib/queue/bounce-resolve';
import { hostQueue } from '@/lib/queue/host-queues';
import type { QueueIndex } from '@/lib/queue/index-store';
import { forgedFromLog, LOG_NEEDLES, logEvidenceAggregator } from './log-evidence';
import { openItems, type OpenItems } from './report-open';
import { findSuspects, suspectDetail } from './suspects';

// The audit rows of one incident (host + login): those written with the
// incident named in their params, plus blocks and resets of the login done
// from the mailbox page, within the last 30 days. Closing its record or
// unblocking the login ends an incident: the next one starts after it
// (lib/incident/progress.ts, the one place progress is derived).

const WINDOW_MS = 30 * 86_400_000;
const ACTIONS = Object.values(INCIDENT_ACTIONS) as string[];
const ABOUT_THE_LOGIN = new Set<string>([INCIDENT_ACTIONS.block, INCIDENT_ACTIONS.unblock, INCIDENT_ACTIONS.reset]);

type LoginRow = AuditLike & { host: string | null; target: string | null };

/** Every incident action of the last 30 days on a host, oldest first. */
async function recentActions(host: string): Promise<LoginRow[]> {
  const rows = await db().mwAudit.findMany({
    where: { at: { gte: new Date(Date.now() - WINDOW_MS) }, action: { in: ACTIONS }, OR: [{ host }, { host: null }] },
    orderBy: { id: 'asc' },
    take: 5000,
    select: { id: true, at: true, actor: true, action: true, ok: true, error: true, params: true, result: true, target: true, host: true },
  });
  return rows.map((r) => ({ ...r, id: r.id.toString(), at: r.at.toISOString() }));
}

/** The rows about one login on one host: written with the incident named, or blocks and resets of the login itself. */
function aboutLogin(rows: LoginRow[], host: string, username: string): AuditLike[] {
  const user = username.toLowerCase();
  return rows
    .filter((r) => {
      if (r.host !== host && r.host !== null) return false;
      const incident = (r.params as { incident?: unknown } | null)?.incident;
      if (typeof incident === 'string') return incident.toLowerCase() === user;
      return ABOUT_THE_LOGIN.has(r.action) && r.target?.toLowerCase() === user;
    })
    .map(({ host: _h, target: _t, ...r }) => r);
}

async function spansOf(host: string, username: string) {
  const rows = await db().mwIncident.findMany({ where: { host, username: username.toLowerCase() }, select: { id: true, state: true, closedAt: true } });
  return rows.map((r) => ({ id: r.id.toString(), state: r.state, closedAt: r.closedAt?.toISOString() ?? null }));
}

/** The rows of the incident under way: its open record's, or after the latest close when none is open. */
export async function incidentRows(host: string, username: string): Promise<AuditLike[]> {
  const [rows, spans] = await Promise.all([recentActions(host), spansOf(host, username)]);
  return rowsOfIncident(aboutLogin(rows, host, username), spans, currentRecord(spans));
}

/**
 * Each record's progress, by the same rows and the same derivation as the
 * incident page; null for a record closed before the audit window.
 */
export async function progressOfRecords(records: IncidentRecord[]): Promise<Map<string, IncidentProgress | null>> {
  const out = new Map<string, IncidentProgress | null>();
  if (records.length === 0) return out;
  // One audit read per host, one record read per login: the list shows up to 500 records.
  const actions = new Map<string, LoginRow[]>();
  const spans = new Map<string, Awaited<ReturnType<typeof spansOf>>>();
  for (const r of records) {
    if (r.closedAt !== null && Date.parse(r.closedAt) < Date.now() - WINDOW_MS) {
      out.set(r.id, null);
      continue;
    }
    const key = `${r.host}\n${r.username}`;
    if (!actions.has(r.host)) actions.set(r.host, await recentActions(r.host));
    if (!spans.has(key)) spans.set(key, await spansOf(r.host, r.username));
    out.set(r.id, progressOf(rowsOfIncident(aboutLogin(actions.get(r.host)!, r.host, r.username), spans.get(key)!, r)));
  }
  return out;
}

/**
 * The bounces to the login's forged senders that a delete would take: the
 * queue page's bounceOf filter through the action selector, so the report's
 * number is the delete preview's.
 */
async function bounceCount(host: string, ix: QueueIndex, principal: Principal, username: string): Promise<number> {
  // The log knows the forged senders of mail already gone from the queue (deleted by Clean before a restart).
  const log = await aggregateHostLogs({
    host,
    key: 'incident-evidence',
    needles: LOG_NEEDLES,
    make: logEvidenceAggregator,
    range: resolveRange({}),
    limit: 0,
  }).catch(() => null);
  if (log) await rememberSenders(host, username, forgedFromLog(log.result, username));
  const filter = { bounceOf: username };
  const ctx = await filterContext(host, ix, filter);
  return selectTargets(ix, { action: 'delete', filter }, principal, Math.floor(Date.now() / 1000), ctx).ids.length;
}

/** The open items: each part read on its own, a part that fails is unknown (null), never a reason to fail the report. */
async function loadOpen(host: string, principal: Principal, username: string, now: number): Promise<OpenItems> {
  const hq = hostQueue(host);
  const [suspects, refusals, findings] = await Promise.all([
    findSuspects(host, principal).then(
      (r) => r.suspects.map((s) => ({ user: s.user, score: s.score, queued: s.queued, forged: s.forged })),
      () => null,
    ),
    blocksView(host, principal, { limit: 50 }).then(
      (b) =>
        b.groups.map((g) => ({
          site: g.site,
          reply: g.sample || g.reply,
          count: g.count,
          provider: g.class.provider ?? null,
          blocked: g.class.blocked,
          last: g.last,
        })),
      () => null,
    ),
    // Hardening is an administrator's: a postmaster's report leaves the part unknown.
    principal.role === 'admin'
      ? loadHardeningState(host).then(
          (h) => h.findings,
          () => null,
        )
      : Promise.resolve(null),
  ]);
  const bounces = hq.index ? await bounceCount(host, hq.index, principal, username).catch(() => null) : null;
  return openItems({ username, suspects, bounces, refusals, findings, now });
}

export async function loadReport(host: string, principal: Principal, username: string): Promise<IncidentReport> {
  const now = Date.now();
  const [detail, rows, open] = await Promise.all([
    suspectDetail(host, principal, username),
    incidentRows(host, username),
    loadOpen(host, principal, username, now),
  ]);
  const report = buildReport({
    host,
    username: detail.suspect?.user ?? username,
    rows,
    log: detail.log,
    score: detail.suspect?.score ?? null,
    reasons: detail.suspect?.reasons ?? [],
    now: new Date(now),
    open,
  });
  return { ...report, progress: progressOf(rows) };
}
