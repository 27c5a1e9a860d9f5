import 'server-only';
import { db } from '@/lib/db';
import { lockName } from './lock';

// The watcher's status per host, for the page: who watches, when it last
// sampled, whether the maillog is being followed, the last error.

export type WatchStatePatch = Partial<{
  owner: string;
  startedAt: Date;
  lastTickAt: Date;
  lastSampleAt: Date;
  lastError: string | null;
  followState: 'stopped' | 'connecting' | 'following' | 'reconnecting' | 'unreadable' | 'no-log';
  followError: string | null;
  linesSeen: bigint;
}>;

export async function updateWatchState(host: string, patch: WatchStatePatch): Promise<void> {
  const data = {
    ...patch,
    ...(patch.lastError ? { lastError: patch.lastError.slice(0, 2000) } : {}),
    ...(patch.followError ? { followError: patch.followError.slice(0, 2000) } : {}),
  };
  await db().mwWatchState.upsert({ where: { host }, create: { host, ...data }, update: data });
}

export type WatchStatus = {
  watched: boolean;
  owner: string | null;
  startedAt: string | null;
  lastTickAt: string | null;
  lastSampleAt: string | null;
  lastError: string | null;
  followState: string;
  followError: string | null;
  linesSeen: number;
};

export async function watchStatus(host: string): Promise<WatchStatus> {
  const [row, lock] = await Promise.all([
    db().mwWatchState.findUnique({ where: { host } }),
    db().$queryRaw<{ holder: bigint | number | null }[]>`SELECT IS_USED_LOCK(${lockName(host)}) AS holder`,
  ]);
  const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
  return {
    watched: lock[0]?.holder !== null && lock[0]?.holder !== undefined,
    owner: row?.owner || null,
    startedAt: iso(row?.startedAt),
    lastTickAt: iso(row?.lastTickAt),
    lastSampleAt: iso(row?.lastSampleAt),
    lastError: row?.lastError ?? null,
    followState: row?.followState ?? 'stopped',
    followError: row?.followError ?? null,
    linesSeen: Number(row?.linesSeen ?? 0),
  };
}
