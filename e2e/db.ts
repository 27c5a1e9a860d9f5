import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { consoleDatabaseUrls } from '../scripts/env-local';

// Direct database access for e2e set-up and clean-up (never for assertions
// that the UI or API should prove). Two databases, as in the console:
// withDb reaches the console's own mw_* tables; withExtmail reaches extman's
// tables as extman's own admin account (the console's may only update three
// mailbox columns, and tests also change managers).
async function withConnection<T>(uri: string, fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const conn = await mysql.createConnection({ uri });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

export const withDb = <T>(fn: (conn: mysql.Connection) => Promise<T>) => withConnection(consoleDatabaseUrls().mailwarden, fn);

export function extmanUrl(): string {
  const lab = JSON.parse(readFileSync(path.resolve(__dirname, '../.lab/lab.json'), 'utf8')) as { db: { extmanUrl?: string } };
  if (!lab.db.extmanUrl) throw new Error('.lab/lab.json has no db.extmanUrl: run `bash scripts/setup`');
  return lab.db.extmanUrl;
}

export const withExtmail = <T>(fn: (conn: mysql.Connection) => Promise<T>) => withConnection(extmanUrl(), fn);

export const clearThrottle = () => withDb((c) => c.query('DELETE FROM mw_login_throttle'));
