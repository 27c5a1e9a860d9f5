// The incident report: a timeline from the maillog (when the abuse began)
// and the audit log (what was done about it), and the numbers. Pure: audit
// rows and log evidence in, the report out; lib/incident/report-load.ts
// fetches, report-markdown.ts renders.
import type { LogUserEvidence } from './log-evidence';
import type { OpenItems } from './report-open';
import type { IncidentProgress } from './progress';
import type { Reason } from './score';

/** Audit actions that belong to an incident, in the order the response takes them. */
export const INCIDENT_ACTIONS = {
  block: 'mailbox.sending.block',
  unblock: 'mailbox.sending.unblock',
  reset: 'mailbox.password.reset',
  hold: 'queue.hold',
  release: 'queue.release',
  delete: 'queue.delete',
  quarantine: 'incident.backscatter.quarantine',
  restore: 'incident.backscatter.restore',
  harden: 'hardening.apply',
  rollback: 'hardening.rollback',
  probes: 'probes.run',
  queueCheck: 'incident.verify.queue',
} as const;

export type AuditLike = { id: string; at: string; actor: string; action: string; ok: boolean; error: string | null; params: unknown; result: unknown };

export type TimelineKind = 'first-login' | 'attacker-first-login' | 'first-forged' | 'action';
export type TimelineEntry = { at: string; kind: TimelineKind; action?: string; actor?: string; ok?: boolean; vars: Record<string, string | number> };

export type ReportNumbers = {
  held: number;
  released: number;
  deleted: number;
  quarantined: number;
  restored: number;
  accountsReset: number;
  blocked: boolean;
  blockEnforced: string | null;
  backupIds: string[];
  fixes: string[];
  probesPassed: number;
  probesTotal: number;
  queueGrowing: boolean | null;
};

export type IncidentReport = {
  host: string;
  username: string;
  generatedAt: string;
  score: number | null;
  reasons: Reason[];
  attacker: { ip: string; logins: number; first: number } | null;
  timeline: TimelineEntry[];
  numbers: ReportNumbers;
  /** What is still to do (lib/incident/report-open.ts). */
  open: OpenItems | null;
  /** How far the response got: the incident page's and the /incidents list's derivation over the same rows. */
  progress?: IncidentProgress;
};

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** What an action row says in a word or two for the timeline (its numbers). */
function actionVars(r: AuditLike): Record<string, string | number> {
  const res = obj(r.result);
  const par = obj(r.params);
  switch (r.action) {
    case INCIDENT_ACTIONS.hold:
    case INCIDENT_ACTIONS.release:
    case INCIDENT_ACTIONS.delete:
      return { count: num(res.acted) };
    case INCIDENT_ACTIONS.quarantine:
      return { count: num(res.moved), folder: str(res.folder) ?? '' };
    case INCIDENT_ACTIONS.restore:
      return { count: num(res.restored), folder: str(res.folder) ?? '' };
    case INCIDENT_ACTIONS.block:
      return { enforced: String(res.enforced ?? 'unknown') };
    case INCIDENT_ACTIONS.harden:
      return { backupId: str(res.backupId) ?? '', fixes: Array.isArray(par.fixes) ? par.fixes.join(', ') : '' };
    case INCIDENT_ACTIONS.rollback:
      return { backupId: str(par.backupId) ?? '' };
    case INCIDENT_ACTIONS.probes: {
      const results = Array.isArray(res.results) ? res.results.map(obj) : [];
      return { passed: results.filter((x) => x.ok === true).length, total: results.length };
    }
    case INCIDENT_ACTIONS.queueCheck:
      return { total: num(res.total), newSince: num(res.newSince) };
    default:
      return {};
  }
}

export function buildReport(input: {
  host: string;
  username: string;
  rows: AuditLike[];
  log: LogUserEvidence | null;
  score: number | null;
  reasons: Reason[];
  now: Date;
  open?: OpenItems | null;
}): IncidentReport {
  const { log } = input;
  const timeline: TimelineEntry[] = [];
  const attacker = log?.ips[0] ?? null;
  if (log?.firstLogin)
    timeline.push({ at: new Date(log.firstLogin).toISOString(), kind: 'first-login', vars: { ip: log.ips.find((i) => i.first === log.firstLogin)?.ip ?? '' } });
  if (attacker) timeline.push({ at: new Date(attacker.first).toISOString(), kind: 'attacker-first-login', vars: { ip: attacker.ip, logins: attacker.logins } });
  if (log?.firstForged)
    timeline.push({
      at: new Date(log.firstForged.time).toISOString(),
      kind: 'first-forged',
      vars: { from: log.firstForged.from, ip: log.firstForged.ip, queueId: log.firstForged.queueId },
    });

  const n: ReportNumbers = {
    held: 0,
    released: 0,
    deleted: 0,
    quarantined: 0,
    restored: 0,
    accountsReset: 0,
    blocked: false,
    blockEnforced: null,
    backupIds: [],
    fixes: [],
    probesPassed: 0,
    probesTotal: 0,
    queueGrowing: null,
  };
  const rows = [...input.rows].sort((a, b) => a.at.localeCompare(b.at) || Number(a.id) - Number(b.id));
  for (const r of rows) {
    timeline.push({ at: r.at, kind: 'action', action: r.action, actor: r.actor, ok: r.ok, vars: actionVars(r) });
    if (!r.ok && r.action !== INCIDENT_ACTIONS.probes && r.action !== INCIDENT_ACTIONS.queueCheck) continue;
    const res = obj(r.result);
    const v = actionVars(r);
    switch (r.action) {
      case INCIDENT_ACTIONS.hold:
        n.held += num(v.count);
        break;
      case INCIDENT_ACTIONS.release:
        n.released += num(v.count);
        break;
      case INCIDENT_ACTIONS.delete:
        n.deleted += num(v.count);
        break;
      case INCIDENT_ACTIONS.quarantine:
        n.quarantined += num(v.count);
        break;
      case INCIDENT_ACTIONS.restore:
        n.restored += num(v.count);
        break;
      case INCIDENT_ACTIONS.reset:
        n.accountsReset = 1;
        break;
      case INCIDENT_ACTIONS.block:
        n.blocked = true;
        n.blockEnforced = String(res.enforced ?? 'unknown');
        break;
      case INCIDENT_ACTIONS.unblock:
        n.blocked = false;
        break;
      case INCIDENT_ACTIONS.harden:
        if (v.backupId) n.backupIds.push(String(v.backupId));
        for (const f of String(v.fixes).split(', ').filter(Boolean)) if (!n.fixes.includes(f)) n.fixes.push(f);
        break;
      // The latest run is the verdict.
      case INCIDENT_ACTIONS.probes:
        n.probesPassed = num(v.passed);
        n.probesTotal = num(v.total);
        // Hardening after the block makes it enforced; the probes say what holds now.
        if (n.blocked && res.enforced !== undefined) n.blockEnforced = String(res.enforced);
        break;
      case INCIDENT_ACTIONS.queueCheck:
        n.queueGrowing = res.growing === true ? true : res.growing === false ? false : n.queueGrowing;
        break;
    }
  }
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return {
    host: input.host,
    username: input.username,
    generatedAt: input.now.toISOString(),
    score: input.score,
    reasons: input.reasons,
    attacker: attacker ? { ip: attacker.ip, logins: attacker.logins, first: attacker.first } : null,
    timeline,
    numbers: n,
    open: input.open ?? null,
  };
}

/** The rows after the last successful unblock of the login: unblocking ends an incident. */
export function sinceLastClose(rows: AuditLike[]): AuditLike[] {
  let last = -1;
  rows.forEach((r, i) => {
    if (r.ok && r.action === INCIDENT_ACTIONS.unblock) last = i;
  });
  return rows.slice(last + 1);
}
