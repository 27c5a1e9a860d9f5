import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { assertLocal, baseURL } from './env';

// Runs once before the browsers: checks the target is local and the lab is
// up, and clears login throttling left by earlier runs (idempotent).
export default async function globalSetup() {
  assertLocal(baseURL);
  const root = path.resolve(__dirname, '..');
  if (!existsSync(path.join(root, '.lab/lab.json'))) throw new Error('The lab is not up: run `bash scripts/setup` first.');
  mkdirSync(path.join(root, 'e2e/.auth'), { recursive: true });
  mkdirSync(path.join(root, 'e2e/screenshots'), { recursive: true });
  const url = process.env.DATABASE_URL ?? readFileSync(path.join(root, '.env.local'), 'utf8').match(/^DATABASE_URL=(.*)$/m)?.[1];
  if (!url) throw new Error('DATABASE_URL missing');
  const conn = await mysql.createConnection({ uri: url });
  try {
    await conn.query('DELETE FROM mw_login_throttle');
  } finally {
    await conn.end();
  }
}
