import { INCIDENT_ACTIONS, sinceLastClose, type AuditLike } from './report';

// How far the response to one incident got — the one derivation the incident
// page, the /incidents list and the report all read, so they cannot disagree.
// The audit log says what was done (a hold or delete job writes its row when
// it ends); the incident records say which rows belong to which incident:
// closing a record ends its incident, as lifting the block does, and the
// next incident's steps start after it. Pure.

export type IncidentProgress = { contained: boolean; cleaned: boolean; hardened: boolean; verified: boolean };

/** A record's life as the window of its rows: after the previous incident's close, up to its own. */
export type RecordSpan = { id: string; closedAt: string | null };

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
 * The window of one record among all records of the same login on the same
 * host: from the latest close of another record before it ends (the rows
 * that opened it come before its openedAt, so that is no bound), to its own
 * close. `record` null is the incident under way: after the latest close.
 */
export function spanOf(records: RecordSpan[], record: RecordSpan | null): { from: number; to: number } {
  const to = record?.closedAt ? Date.parse(record.closedAt) : Infinity;
  let from = -Infinity;
  for (const r of records) {
    if (r.id === record?.id || !r.closedAt) continue;
    const closed = Date.parse(r.closedAt);
    if (closed < to && closed > from) from = closed;
  }
  return { from, to };
}

/** The incident's rows: inside its record's window, after the last unblock in it. */
export function rowsOfIncident(rows: AuditLike[], records: RecordSpan[], record: RecordSpan | null): AuditLike[] {
  const { from, to } = spanOf(records, record);
  return sinceLastClose(
    rows.filter((r) => {
      const at = Date.parse(r.at);
      return at > from && at <= to;
    }),
  );
}

/** The record the incident page stands for: the open one; with none open, the incident that starts after the latest close. */
export const currentRecord = <R extends RecordSpan & { state: string }>(records: R[]): R | null => records.find((r) => r.state === 'open') ?? null;
