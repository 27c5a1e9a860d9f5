// The console's settings for scripts and tests run outside Next: variables
// already in the environment win, the rest come from .env.local (written by
// scripts/setup). Returns both database URLs as the console derives them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseUrls, type DatabaseUrls } from '../lib/db-urls';

const ROOT = path.resolve(__dirname, '..');

export function loadEnvLocal(file = path.join(ROOT, '.env.local')): void {
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line.trim());
    if (m && process.env[m[1]!] === undefined) process.env[m[1]!] = m[2]!;
  }
}

/** DATABASE_URL and MW_DATABASE_URL (or its default), after loading .env.local. */
export function consoleDatabaseUrls(): DatabaseUrls {
  loadEnvLocal();
  return databaseUrls(process.env);
}
