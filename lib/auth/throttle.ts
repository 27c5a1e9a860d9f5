import 'server-only';
import { db } from '@/lib/db';

// Login throttling per client IP and per username. Five failures are free;
// after that each further failure locks the key for a doubling delay
// (30 s, 60 s, ... capped at 15 min). A success clears the username's count.

export const FREE_FAILURES = 5;
const BASE_LOCK_MS = 30_000;
const MAX_LOCK_MS = 15 * 60_000;
// Failures older than this are forgotten.
const WINDOW_MS = 60 * 60_000;

export function lockDuration(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - FREE_FAILURES));
}

export const throttleKeys = (ip: string, username: string) => [`ip:${ip}`, `user:${username.toLowerCase()}`.slice(0, 300)];

/** Seconds until the earliest moment any of the keys may try again (0 = now). */
export async function lockedFor(keys: string[], now = Date.now()): Promise<number> {
  const rows = await db().mwLoginThrottle.findMany({ where: { key: { in: keys } } });
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > now ? Math.ceil((until - now) / 1000) : 0;
}

/** Records a failure; returns the keys that became locked by it. */
export async function recordFailure(keys: string[], now = Date.now()): Promise<{ key: string; seconds: number }[]> {
  const locked: { key: string; seconds: number }[] = [];
  for (const key of keys) {
    const row = await db().mwLoginThrottle.findUnique({ where: { key } });
    const stale = row && now - row.updatedAt.getTime() > WINDOW_MS;
    const failures = (stale || !row ? 0 : row.failures) + 1;
    const ms = lockDuration(failures);
    const write = () =>
      db().mwLoginThrottle.upsert({
        where: { key },
        create: { key, failures, lockedUntil: ms ? new Date(now + ms) : null },
        update: { failures, lockedUntil: ms ? new Date(now + ms) : null },
      });
    // Prisma's upsert on MariaDB is a read, then an insert: two failures at
    // once from one IP both insert, and the second was a 500. It updates now.
    await write().catch((err: { code?: string }) => {
      if (err?.code === 'P2002') return write();
      throw err;
    });
    if (ms) locked.push({ key, seconds: Math.ceil(ms / 1000) });
  }
  return locked;
}

/** Clears keys after a success; returns those that had been locked (the unlock is audited). */
export async function clearFailures(keys: string[]): Promise<string[]> {
  const rows = await db().mwLoginThrottle.findMany({ where: { key: { in: keys } } });
  await db().mwLoginThrottle.deleteMany({ where: { key: { in: keys } } });
  return rows.filter((r) => r.failures >= FREE_FAILURES).map((r) => r.key);
}
