import 'server-only';
import { createHash } from 'node:crypto';
import mysql from 'mysql2/promise';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

// Per-host locks shared by every console process: MariaDB named locks
// (GET_LOCK), as the watcher uses (lib/watch/lock.ts). Each hold has a
// connection of its own, so the server frees the lock the moment the
// holding process dies or its connection drops; nothing to clean up.

export type LockKind = 'config' | 'queue-action' | 'scan';

export function hostLockName(kind: LockKind, host: string): string {
  const name = `mailwarden-${kind}-${host}`;
  // MariaDB refuses lock names over 64 characters.
  return name.length <= 64 ? name : `mailwarden-${kind}-${createHash('sha256').update(host).digest('hex').slice(0, 40)}`;
}

export interface HeldLock {
  /** The holding connection's CONNECTION_ID(), as IS_USED_LOCK reports it. */
  connectionId: number;
  release(): Promise<void>;
}

/** Takes the lock now or not at all (null: another process or request holds it). */
export async function tryLock(name: string, waitSeconds = 0): Promise<HeldLock | null> {
  const conn = await mysql.createConnection({ uri: env().MW_DATABASE_URL, enableKeepAlive: true });
  // A dropped connection has lost its lock already; only keep the error from crashing the process.
  conn.on('error', () => undefined);
  try {
    const [rows] = await conn.query('SELECT GET_LOCK(?, ?) AS got, CONNECTION_ID() AS conn', [name, waitSeconds]);
    const row = (rows as { got: number | null; conn: number }[])[0];
    if (Number(row?.got) !== 1) {
      await conn.end().catch(() => conn.destroy());
      return null;
    }
    let released = false;
    return {
      connectionId: Number(row!.conn),
      async release() {
        if (released) return;
        released = true;
        await conn.query('SELECT RELEASE_LOCK(?)', [name]).catch(() => undefined);
        await conn.end().catch(() => conn.destroy());
      },
    };
  } catch (err) {
    conn.destroy();
    throw err;
  }
}

/** The connection holding the lock, or null when it is free. */
export async function lockHolder(name: string): Promise<number | null> {
  const rows = await db().$queryRaw<{ holder: bigint | number | null }[]>`SELECT IS_USED_LOCK(${name}) AS holder`;
  const h = rows[0]?.holder;
  return h === null || h === undefined ? null : Number(h);
}

/** Runs fn holding the lock; onBusy's error when someone else holds it. */
export async function withLock<T>(name: string, onBusy: () => Error, fn: () => Promise<T>): Promise<T> {
  const lock = await tryLock(name);
  if (!lock) throw onBusy();
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
