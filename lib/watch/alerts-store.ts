import 'server-only';
import { db } from '@/lib/db';
import { translator } from '@/lib/i18n/translate';
import type { AlertLite, AlertOp } from './alert-plan';
import { alertView, type AlertView } from './alert-view';
import type { Finding } from './evaluate';
import { renderSummary, type AlertDetails } from './summary';

// The watcher's writes to mw_alert. Only the process holding a host's lock
// writes that host's alerts; the API changes state and muting only, with
// targeted updates, so the two never overwrite each other's fields.

const en = translator('en');

export function detailsOf(f: Finding): AlertDetails {
  return { vars: f.vars, ...(f.reasons ? { reasons: f.reasons } : {}) };
}

const content = (f: Finding) => {
  const details = detailsOf(f);
  return { severity: f.severity, summary: renderSummary(en, f.rule, details).slice(0, 1000), details: details as object, link: f.link.slice(0, 1000) };
};

/** Active alerts of a host and those resolved within the cool-down. */
export async function alertsForPlan(host: string, now: number, cooldownMinutes: number): Promise<AlertLite[]> {
  const rows = await db().mwAlert.findMany({
    where: {
      host,
      OR: [{ state: { in: ['open', 'acknowledged'] } }, { state: 'resolved', resolvedAt: { gte: new Date(now - cooldownMinutes * 60_000) } }],
    },
    select: { id: true, rule: true, key: true, state: true, lastAt: true, resolvedAt: true, mutedUntil: true },
  });
  return rows.map((r) => ({ ...r, lastAt: r.lastAt.getTime(), resolvedAt: r.resolvedAt?.getTime() ?? null, mutedUntil: r.mutedUntil?.getTime() ?? null }));
}

export type Applied = { opened: AlertView[]; resolved: AlertView[]; touched: Map<string, AlertView> };

/** Writes the plan; returns what must be announced, and every alert a finding now points at (by rule+key). */
export async function applyAlertOps(host: string, ops: AlertOp[], now: number): Promise<Applied> {
  const at = new Date(now);
  const out: Applied = { opened: [], resolved: [], touched: new Map() };
  const touch = (f: Finding, v: AlertView) => out.touched.set(`${f.rule}\n${f.key}`, v);
  for (const op of ops) {
    if (op.op === 'open') {
      const f = op.finding;
      const row = await db().mwAlert.create({
        data: { host, rule: f.rule, key: f.key.slice(0, 255), domain: f.domain, state: 'open', firstAt: at, lastAt: at, count: 1, ...content(f) },
      });
      const v = alertView(row);
      out.opened.push(v);
      touch(f, v);
    } else if (op.op === 'update' || op.op === 'reopen') {
      const row = await db().mwAlert.update({
        where: { id: op.id },
        data: {
          lastAt: at,
          count: { increment: 1 },
          ...content(op.finding),
          ...(op.op === 'reopen' ? { state: 'open', resolvedAt: null, acknowledgedAt: null, acknowledgedBy: null } : {}),
        },
      });
      touch(op.finding, alertView(row));
    } else {
      const row = await db().mwAlert.update({ where: { id: op.id }, data: { state: 'resolved', resolvedAt: at } });
      if (op.notify) out.resolved.push(alertView(row));
    }
  }
  return out;
}
