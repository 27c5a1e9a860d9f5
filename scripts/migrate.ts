// Applies prisma/migrations/<n>_<name>/migration.sql to the console's own
// database (MW_DATABASE_URL) in order, once each, recording them in
// mw_schema_migrations. Prisma's own `migrate deploy` needs a schema-engine
// binary that cannot be downloaded here; the folder layout is the same, so a
// site that has the engine can use it instead.
//
// Before that, it creates the database when the account may, and moves the
// mw_* tables of an install that kept them in the extmail database
// (releases before issue 15) with one RENAME TABLE: atomic, nothing copied,
// nothing lost.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { databaseName, databaseUrls, sameDatabase, type DatabaseUrls } from '../lib/db-urls';
import { loadEnvLocal } from './env-local';

const MIGRATION_NAME = /^\d+_[\w-]+$/;
const GRANTS_HINT = 'an administrator can create it and grant the account: npx tsx scripts/grants.ts (prints the statements)';

type Log = (line: string) => void;
export type MigrateResult = { moved: string[]; applied: string[] };

const q = (name: string) => `\`${name.replace(/`/g, '``')}\``;

export async function migrate(urls: DatabaseUrls, opts: { dir?: string; log?: Log } = {}): Promise<MigrateResult> {
  const dir = opts.dir ?? path.resolve(__dirname, '../prisma/migrations');
  const log = opts.log ?? (() => {});
  if (sameDatabase(urls.mailwarden, urls.extmail)) {
    throw new Error('MW_DATABASE_URL names the extmail database: the console keeps its tables in a database of their own');
  }
  const conn = await connectCreating(urls.mailwarden, log);
  try {
    const moved = await moveLegacyTables(conn, databaseName(urls.extmail), databaseName(urls.mailwarden), log);
    const applied = await applyMigrations(conn, dir);
    return { moved, applied };
  } finally {
    await conn.end();
  }
}

/** Connects to the console's database, creating it first when it does not exist yet and the account may. */
async function connectCreating(url: string, log: Log): Promise<mysql.Connection> {
  const name = databaseName(url);
  try {
    return await mysql.createConnection({ uri: url, multipleStatements: true });
  } catch (err) {
    if ((err as { errno?: number }).errno !== 1049) throw err; // ER_BAD_DB_ERROR: unknown database
  }
  const server = new URL(url);
  server.pathname = '/';
  const conn = await mysql.createConnection({ uri: server.toString(), multipleStatements: true });
  try {
    await conn.query(`CREATE DATABASE IF NOT EXISTS ${q(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await conn.query(`USE ${q(name)}`);
  } catch (err) {
    await conn.end();
    throw new Error(`database ${name} does not exist and this account may not create it (${(err as Error).message}); ${GRANTS_HINT}`);
  }
  log(`created database ${name}`);
  return conn;
}

async function tablesOf(conn: mysql.Connection, schema: string): Promise<string[]> {
  const [rows] = await conn.query(
    "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE 'mw\\_%' ORDER BY TABLE_NAME",
    [schema],
  );
  return (rows as { name: string }[]).map((r) => r.name);
}

/**
 * The console's tables still in the extmail database go to its own, all in
 * one RENAME TABLE (MariaDB and MySQL run it atomically). Refuses when both
 * databases hold console tables: which copy is current is for a person to say.
 * Needs the account's rights on extmail's mw_* tables, so it runs before the
 * least-privilege grants take them away (README, "Upgrading").
 */
export async function moveLegacyTables(conn: mysql.Connection, from: string, to: string, log: Log = () => {}): Promise<string[]> {
  const legacy = await tablesOf(conn, from);
  if (legacy.length === 0) return [];
  const present = await tablesOf(conn, to);
  if (present.length > 0) {
    throw new Error(
      `both ${from} and ${to} hold console tables (${from}: ${legacy.join(', ')}; ${to}: ${present.join(', ')}). ` +
        `Nothing was moved. Keep the copy you want (mysqldump both first), drop the other, and run migrate again.`,
    );
  }
  log(`moving the console's tables from database ${from} to ${to}: ${legacy.join(', ')}`);
  await conn.query(`RENAME TABLE ${legacy.map((t) => `${q(from)}.${q(t)} TO ${q(to)}.${q(t)}`).join(', ')}`);
  log(`moved ${legacy.length} tables; ${from} now holds extman's tables only`);
  return legacy;
}

async function applyMigrations(conn: mysql.Connection, dir: string): Promise<string[]> {
  await conn.query(`CREATE TABLE IF NOT EXISTS mw_schema_migrations (
    name VARCHAR(255) NOT NULL PRIMARY KEY,
    applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
  ) ENGINE=InnoDB`);
  const [rows] = await conn.query('SELECT name FROM mw_schema_migrations');
  const applied = new Set((rows as { name: string }[]).map((r) => r.name));
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && MIGRATION_NAME.test(d.name))
    .map((d) => d.name)
    .sort();
  const done: string[] = [];
  for (const name of names) {
    if (applied.has(name)) continue;
    const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
    await conn.query(sql);
    await conn.query('INSERT INTO mw_schema_migrations (name) VALUES (?)', [name]);
    done.push(name);
  }
  return done;
}

if (require.main === module) {
  loadEnvLocal();
  let urls: DatabaseUrls;
  try {
    urls = databaseUrls(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  migrate(urls, { log: (line) => console.log(line) })
    .then(({ applied }) => console.log(`${databaseName(urls.mailwarden)}: ${applied.length ? `applied ${applied.join(', ')}` : 'migrations up to date'}`))
    .catch((err) => {
      console.error(`migration failed: ${err.message}`);
      process.exit(1);
    });
}
