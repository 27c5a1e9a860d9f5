import 'server-only';
import { notFound } from '@/lib/errors';
import type { Principal } from '@/lib/auth/principal';
import { db } from '@/lib/db';
import { alertView, type AlertView } from './alert-view';
import type { AlertsQuery } from './schemas';

// The API's side of mw_alert: listing, acknowledging, muting. Postmasters see
// only alerts about their own domains' users; any other alert is "not found"
// to them, exactly as if it did not exist.

type Where = NonNullable<Parameters<ReturnType<typeof db>['mwAlert']['findMany']>[0]>['where'];

function scope(principal: Principal): Where {
  return principal.role === 'admin' ? {} : { domain: { in: principal.domains } };
}

export async function listAlerts(principal: Principal, q: AlertsQuery): Promise<AlertView[]> {
  const state = q.state === 'active' ? { state: { in: ['open', 'acknowledged'] } } : q.state === 'resolved' ? { state: 'resolved' } : {};
  const rows = await db().mwAlert.findMany({
    where: { ...scope(principal), ...state, ...(q.host ? { host: q.host } : {}) },
    orderBy: { lastAt: 'desc' },
    take: q.limit,
  });
  return rows.map((r) => alertView(r));
}

export async function visibleAlert(principal: Principal, id: bigint): Promise<AlertView> {
  const row = await db().mwAlert.findFirst({ where: { id, ...scope(principal) } });
  if (!row) throw notFound('Alert');
  return alertView(row);
}

export async function acknowledge(principal: Principal, id: bigint): Promise<AlertView> {
  await visibleAlert(principal, id);
  await db().mwAlert.updateMany({
    where: { id, state: 'open' },
    data: { state: 'acknowledged', acknowledgedAt: new Date(), acknowledgedBy: principal.username },
  });
  return visibleAlert(principal, id);
}

export async function mute(principal: Principal, id: bigint, hours: number): Promise<AlertView> {
  await visibleAlert(principal, id);
  await db().mwAlert.update({ where: { id }, data: { mutedUntil: hours > 0 ? new Date(Date.now() + hours * 3_600_000) : null } });
  return visibleAlert(principal, id);
}
