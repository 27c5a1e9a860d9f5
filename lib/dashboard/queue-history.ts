import 'server-only';
import { listSamples } from '@/lib/watch/samples';
import { countQueues } from '@/lib/watch/queue-counts';
import type { QueueOverview } from '@/lib/incident/queue-evidence';
import type { QueuePoint } from './types';

// Queue sizes over the last hours for the dashboard chart. The watcher's
// samples (mw_watch_sample) when it has recent ones; otherwise samples this
// console takes itself while the dashboard is open, kept in memory (a small
// ring per host, lost on restart — the watcher is the durable history).

const WINDOW_MS = 6 * 3_600_000;
const WATCHER_FRESH_MS = 15 * 60_000;
const MAX_POINTS = 240;
const MIN_GAP_MS = 20_000;

const store = globalThis as unknown as { __mwDashboardSamples?: Map<string, QueuePoint[]> };
const buffers = () => (store.__mwDashboardSamples ??= new Map());

export function pointFromOverview(at: Date, o: QueueOverview): QueuePoint {
  const q = o.byQueue;
  return {
    at: at.toISOString(),
    total: o.total,
    incoming: q.incoming ?? 0,
    active: q.active ?? 0,
    deferred: q.deferred ?? 0,
    hold: q.hold ?? 0,
    complete: true,
  };
}

/** Adds a point unless one was taken moments ago; returns the host's buffer. */
export function remember(host: string, point: QueuePoint): QueuePoint[] {
  const buf = buffers().get(host) ?? [];
  const last = buf.at(-1);
  if (!last || Date.parse(point.at) - Date.parse(last.at) >= MIN_GAP_MS) buf.push(point);
  else if (point.at > last.at) buf[buf.length - 1] = point;
  while (buf.length > MAX_POINTS || (buf[0] && Date.parse(buf[0].at) < Date.now() - WINDOW_MS)) buf.shift();
  buffers().set(host, buf);
  return buf;
}

export const consoleSamples = (host: string): QueuePoint[] => buffers().get(host) ?? [];

export function lastConsoleSample(host: string): QueuePoint | undefined {
  return buffers().get(host)?.at(-1);
}

/** A count straight from the host (postqueue -j, capped): for hosts whose queue was never indexed. */
export async function sampleWithoutIndex(host: string): Promise<QueuePoint> {
  const s = await countQueues(host, { cap: 50_000, timeoutMs: 8_000 });
  const c = s.counts as Record<string, number>;
  return {
    at: new Date().toISOString(),
    total: s.total,
    incoming: c.incoming ?? 0,
    active: c.active ?? 0,
    deferred: c.deferred ?? 0,
    hold: c.hold ?? 0,
    complete: s.complete,
  };
}

export async function watcherHistory(host: string): Promise<QueuePoint[] | null> {
  const points = await listSamples(host, new Date(Date.now() - WINDOW_MS), MAX_POINTS).catch(() => []);
  const last = points.at(-1);
  if (!last || Date.parse(last.at) < Date.now() - WATCHER_FRESH_MS) return null;
  return points.map((p) => ({ at: p.at, total: p.total, incoming: p.incoming, active: p.active, deferred: p.deferred, hold: p.hold, complete: p.complete }));
}
