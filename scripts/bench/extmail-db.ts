// Throwaway extmail databases for the mailbox benchmark and the schema
// integration test: created as MariaDB's root over the local socket (the
// console's own account may not CREATE DATABASE), then opened to the console
// account, and reached through a Prisma client shaped like lib/db.ts's.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import mysql from 'mysql2/promise';
import { PrismaClient } from '../../lib/generated/prisma/client';

const ROOT = path.resolve(__dirname, '../..');
const SOCKET = process.env.MYSQL_SOCKET ?? '/run/mysqld/mysqld.sock';

export function consoleDatabaseUrl(): string {
  const url = process.env.DATABASE_URL ?? readFileSync(path.join(ROOT, '.env.local'), 'utf8').match(/^DATABASE_URL=(.*)$/m)?.[1];
  if (!url) throw new Error('DATABASE_URL missing (set it or create .env.local with scripts/setup)');
  return url.trim();
}

/** The console's URL, pointed at another database on the same server. */
export function urlForDatabase(name: string): string {
  const u = new URL(consoleDatabaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export function rootConnection(): Promise<mysql.Connection> {
  return mysql.createConnection({ socketPath: SOCKET, user: 'root', multipleStatements: true });
}

/** The CREATE TABLE statements of the upstream extmail.sql the lab loads (no users, no grants). */
export function upstreamTables(): string[] {
  const sql = readFileSync(path.join(ROOT, 'scripts/lab.d/extmail.sql'), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...sql.matchAll(/CREATE TABLE[\s\S]*?;/g)].map((m) => m[0]);
}

const DB_NAME = /^extmail_[a-z0-9_]+$/;

/** Creates `name` from scratch with these tables and lets the console account read and write it. */
export async function createScratchDatabase(root: mysql.Connection, name: string, tables: string[]): Promise<void> {
  if (!DB_NAME.test(name)) throw new Error(`refusing to touch database ${name}`);
  const user = decodeURIComponent(new URL(consoleDatabaseUrl()).username);
  await root.query(`DROP DATABASE IF EXISTS \`${name}\``);
  // utf8mb3, like the lab: the MyISAM varchar(255) keys must stay under 1000 bytes.
  await root.query(`CREATE DATABASE \`${name}\` DEFAULT CHARACTER SET utf8mb3`);
  await root.query(`USE \`${name}\``);
  // extmail's DDL and rows rely on zero dates.
  await root.query("SET SESSION sql_mode = ''");
  for (const t of tables) await root.query(t);
  for (const host of ['localhost', '127.0.0.1']) {
    await root.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON \`${name}\`.* TO ?@?`, [user, host]);
  }
}

export async function dropScratchDatabase(root: mysql.Connection, name: string): Promise<void> {
  if (!DB_NAME.test(name)) throw new Error(`refusing to drop database ${name}`);
  await root.query(`DROP DATABASE IF EXISTS \`${name}\``);
}

/** A Prisma client like the console's (same omitted columns), on any database URL. */
export function createExtmailClient(url: string) {
  const u = new URL(url);
  const adapter = new PrismaMariaDb({
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
    connectionLimit: 4,
    dateStrings: true,
  });
  return new PrismaClient({ adapter, omit: { manager: { password: true }, mailbox: { password: true, clearpwd: true } } });
}
