import { readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';

// Direct database access for e2e set-up and clean-up (never for assertions
// that the UI or API should prove).
export async function withDb<T>(fn: (conn: mysql.Connection) => Promise<T>): Promise<T> {
  const root = path.resolve(__dirname, '..');
  const url = process.env.DATABASE_URL ?? readFileSync(path.join(root, '.env.local'), 'utf8').match(/^DATABASE_URL=(.*)$/m)?.[1];
  if (!url) throw new Error('DATABASE_URL missing');
  const conn = await mysql.createConnection({ uri: url });
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

export const clearThrottle = () => withDb((c) => c.query('DELETE FROM mw_login_throttle'));
