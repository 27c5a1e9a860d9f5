import 'server-only';
import { db } from '@/lib/db';
import type { SampleLite } from './evaluate';
import type { QueueSample } from './queue-counts';
import { thin } from './chart-data';

// Queue-size history: one row per host and sample, kept for a week.

export const SAMPLE_RETENTION_DAYS = 7;

export type SamplePoint = { at: string; incoming: number; active: number; deferred: number; hold: number; maildrop: number; total: number; complete: boolean };

export async function insertSample(host: string, at: Date, s: QueueSample): Promise<void> {
  await db().mwWatchSample.create({ data: { host, at, ...s.counts, total: s.total, complete: s.complete, durationMs: s.durationMs } });
}

/** The newest two samples, for the growth rule. */
export async function latestSamples(host: string): Promise<{ latest?: SampleLite; previous?: SampleLite }> {
  const rows = await db().mwWatchSample.findMany({ where: { host }, orderBy: { at: 'desc' }, take: 2, select: { at: true, total: true, complete: true } });
  const lite = (r: (typeof rows)[number] | undefined) => (r ? { at: r.at.getTime(), total: r.total, complete: r.complete } : undefined);
  return { latest: lite(rows[0]), previous: lite(rows[1]) };
}

/** When the watcher first sampled this host (within the retention): the start of its learning time. */
export async function watchedSince(host: string): Promise<Date | null> {
  const row = await db().mwWatchSample.findFirst({ where: { host }, orderBy: { at: 'asc' }, select: { at: true } });
  return row?.at ?? null;
}

/**
 * Samples since `since`, thinned to at most `maxPoints` by keeping the
 * largest total of each time slice (a spike must not vanish from the chart).
 */
export async function listSamples(host: string, since: Date, maxPoints = 360): Promise<SamplePoint[]> {
  const rows = await db().mwWatchSample.findMany({
    where: { host, at: { gte: since } },
    orderBy: { at: 'asc' },
    select: { at: true, incoming: true, active: true, deferred: true, hold: true, maildrop: true, total: true, complete: true },
    take: 50_000,
  });
  const points = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  return thin(points, maxPoints);
}

export async function pruneSamples(now = Date.now()): Promise<number> {
  const before = new Date(now - SAMPLE_RETENTION_DAYS * 86_400_000);
  const res = await db().mwWatchSample.deleteMany({ where: { at: { lt: before } } });
  return res.count;
}
