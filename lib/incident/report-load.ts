import 'server-only';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { buildReport, INCIDENT_ACTIONS, sinceLastClose, type AuditLike, type IncidentReport } from './report';
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
// from the mailbox page, within the last 30 days. Unblocking the login ends
// an incident: the next one starts after the last unblock.

const WINDOW_MS = 30 * 86_400_000;
const ACTIONS = Object.values(INCIDENT_ACTIONS) as string[];
const ABOUT_THE_LOGIN = new Set<string>([INCIDENT_ACTIONS.block, INCIDENT_ACTIONS.unblock, INCIDENT_ACTIONS.reset]);

export async function incidentRows(host: string, username: string): Promise<AuditLike[]> {
  const user = username.toLowerCase();
  const rows = await db().mwAudit.findMany({
    where: { at: { gte: new Date(Date.now() - WINDOW_MS) }, action: { in: ACTIONS }, OR: [{ host }, { host: null }] },
    orderBy: { id: 'asc' },
    take: 5000,
    select: { id: true, at: true, actor: true, action: true, ok: true, error: true, params: true, result: true, target: true, host: true },
  });
  const mine = rows
    .filter((r) => {
      const incident = (r.params as { incident?: unknown } | null)?.incident;
      if (typeof incident === 'string') return incident.toLowerCase() === user && (r.host === host || r.host === null);
      return ABOUT_THE_LOGIN.has(r.action) && r.target?.toLowerCase() === user;
    })
    .map((r) => ({
      id: r.id.toString(),
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      ok: r.ok,
      error: r.error,
      params: r.params,
      result: r.result,
    }));
  return sinceLastClose(mine);
}

export type IncidentProgress = { contained: boolean; cleaned: boolean; hardened: boolean; verified: boolean };

/** How far the response got, from what the audit log says was done (and worked). */
export function progressOf(rows: AuditLike[]): IncidentProgress {
  const ok = (action: string) => rows.some((r) => r.action === action && r.ok);
  return {
    // A login with no mailbox row has no password to reset (issue 16).
    contained:
      ok(INCIDENT_ACTIONS.block) &&
      ok(INCIDENT_ACTIONS.hold) &&
      (ok(INCIDENT_ACTIONS.reset) ||
        rows.some((r) => r.action === INCIDENT_ACTIONS.block && r.ok && (r.params as { mailbox?: unknown } | null)?.mailbox === false)),
    cleaned: ok(INCIDENT_ACTIONS.delete) || ok(INCIDENT_ACTIONS.quarantine),
    hardened: ok(INCIDENT_ACTIONS.harden),
    // Only probes that tested the block and passed: a run without the login's password proves nothing.
    verified: ok(INCIDENT_ACTIONS.probes),
  };
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
  if (log) rememberSenders(host, username, forgedFromLog(log.result, username));
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
  return buildReport({
    host,
    username: detail.suspect?.user ?? username,
    rows,
    log: detail.log,
    score: detail.suspect?.score ?? null,
    reasons: detail.suspect?.reasons ?? [],
    now: new Date(now),
    open,
  });
}
