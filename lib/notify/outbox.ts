import 'server-only';
import { db } from '@/lib/db';
import { nextRetryDelay } from './backoff';
import { enabledChannelIds, loadFullChannel } from './channels';
import { noAlertRenderer, testPayload, type AlertRenderer, type NotifyEvent, type NotifyPayload } from './payload';
import { deliver } from './send';
import { severityReaches } from './severity';

// Every notification is a row in mw_notify_delivery before it is sent, so a
// failed one is retried with backoff and its last error is on the page.
// Several console processes may run the worker: a row is claimed with a
// conditional update before it is sent, so each is sent by one of them.

const CLAIM_MS = 60_000;
const BATCH = 20;

export type DeliveryView = {
  id: string;
  channelId: number;
  channelName: string | null;
  alertId: string | null;
  event: string;
  state: string;
  attempts: number;
  lastError: string | null;
  nextRetryAt: string | null;
  createdAt: string;
  sentAt: string | null;
};

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err)).slice(0, 1000);

export type DeliveryRequest = { event: Exclude<NotifyEvent, 'test'>; alertId: string; severity: string; payload: NotifyPayload };

/** Queues a payload for every enabled channel its severity reaches; returns how many. */
export async function enqueueDelivery(d: DeliveryRequest): Promise<number> {
  const channels = (await enabledChannelIds()).filter((c) => severityReaches(d.severity, c.minSeverity));
  if (channels.length === 0) return 0;
  const payload = d.payload as unknown as object;
  await db().mwNotifyDelivery.createMany({
    data: channels.map((c) => ({ channelId: c.id, alertId: BigInt(d.alertId), event: d.event, payload, state: 'pending', nextRetryAt: new Date() })),
  });
  return channels.length;
}

async function attempt(id: bigint, channelId: number, payload: NotifyPayload, attempts: number, render: AlertRenderer): Promise<boolean> {
  const channel = await loadFullChannel(channelId).catch(() => null);
  try {
    if (!channel) throw new Error('the channel was removed or its configuration cannot be unsealed');
    await deliver(channel, payload, render);
    await db().mwNotifyDelivery.update({
      where: { id },
      data: { state: 'sent', attempts: attempts + 1, sentAt: new Date(), lastError: null, nextRetryAt: null, claimedUntil: null },
    });
    return true;
  } catch (err) {
    const delay = channel ? nextRetryDelay(attempts + 1) : null;
    await db().mwNotifyDelivery.update({
      where: { id },
      data: {
        state: delay === null ? 'failed' : 'pending',
        attempts: attempts + 1,
        lastError: errorText(err),
        nextRetryAt: delay === null ? null : new Date(Date.now() + delay),
        claimedUntil: null,
      },
    });
    return false;
  }
}

/** Sends what is due, alert events read through `render`; returns how many were attempted. */
export async function runDueDeliveries(render: AlertRenderer, now = Date.now()): Promise<number> {
  const due = await db().mwNotifyDelivery.findMany({
    where: { state: 'pending', nextRetryAt: { lte: new Date(now) }, OR: [{ claimedUntil: null }, { claimedUntil: { lt: new Date(now) } }] },
    orderBy: { nextRetryAt: 'asc' },
    take: BATCH,
    select: { id: true, channelId: true, payload: true, attempts: true },
  });
  let n = 0;
  for (const d of due) {
    const claimed = await db().mwNotifyDelivery.updateMany({
      where: { id: d.id, state: 'pending', OR: [{ claimedUntil: null }, { claimedUntil: { lt: new Date(now) } }] },
      data: { claimedUntil: new Date(now + CLAIM_MS) },
    });
    if (claimed.count !== 1) continue;
    n++;
    await attempt(d.id, d.channelId, d.payload as unknown as NotifyPayload, d.attempts, render);
  }
  return n;
}

/** The test button: sent now, recorded like any delivery, never retried. */
export async function sendTest(channelId: number, consoleUrl: string | null): Promise<{ ok: boolean; error: string | null }> {
  const payload = testPayload(consoleUrl);
  const row = await db().mwNotifyDelivery.create({
    data: { channelId, event: 'test', payload: payload as unknown as object, state: 'pending', claimedUntil: new Date(Date.now() + CLAIM_MS) },
  });
  const channel = await loadFullChannel(channelId);
  let error: string | null = null;
  try {
    if (!channel) throw new Error('the channel does not exist');
    await deliver(channel, payload, noAlertRenderer);
  } catch (err) {
    error = errorText(err);
  }
  await db().mwNotifyDelivery.update({
    where: { id: row.id },
    data: { state: error ? 'failed' : 'sent', attempts: 1, lastError: error, sentAt: error ? null : new Date(), claimedUntil: null },
  });
  return { ok: !error, error };
}

export async function listDeliveries(limit = 50): Promise<DeliveryView[]> {
  const [rows, channels] = await Promise.all([
    db().mwNotifyDelivery.findMany({ orderBy: { id: 'desc' }, take: limit, omit: { payload: true } }),
    db().mwNotifyChannel.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(channels.map((c) => [c.id, c.name]));
  return rows.map((r) => ({
    id: r.id.toString(),
    channelId: r.channelId,
    channelName: names.get(r.channelId) ?? null,
    alertId: r.alertId?.toString() ?? null,
    event: r.event,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    nextRetryAt: r.nextRetryAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    sentAt: r.sentAt?.toISOString() ?? null,
  }));
}

export async function pruneDeliveries(now = Date.now()): Promise<void> {
  await db().mwNotifyDelivery.deleteMany({ where: { state: { in: ['sent', 'failed'] }, createdAt: { lt: new Date(now - 30 * 86_400_000) } } });
}
