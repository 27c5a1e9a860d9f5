import 'server-only';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

// One Prisma client per process, kept on globalThis so Next's dev reloads do
// not open a new pool each time. Password columns are omitted by default:
// only lib/auth and lib/extmail/passwords ask for them explicitly.
function createClient() {
  const adapter = new PrismaMariaDb(mariadbConfig(env().DATABASE_URL));
  return new PrismaClient({
    adapter,
    omit: {
      manager: { password: true },
      mailbox: { password: true, clearpwd: true },
    },
  });
}

export function mariadbConfig(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 3306),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.replace(/^\//, ''),
    connectionLimit: 10,
    // extmail databases are old: latin1/utf8 tables and zero dates are normal.
    dateStrings: true,
  };
}

type Db = ReturnType<typeof createClient>;
const globalForDb = globalThis as unknown as { mailwardenDb?: Db };

export function db(): Db {
  globalForDb.mailwardenDb ??= createClient();
  return globalForDb.mailwardenDb;
}
