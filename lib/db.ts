import 'server-only';
import { PrismaMariaDb } from '@prisma/adapter-mariadb';
import { PrismaClient as ExtmanClient } from '@/lib/generated/prisma/client';
import { PrismaClient as MailwardenClient } from '@/lib/generated/mailwarden/client';
import { env } from '@/lib/env';

// Two databases, two Prisma clients, one of each per process, kept on
// globalThis so Next's dev reloads do not open new pools each time:
//   db()        the console's own mw_* tables (MW_DATABASE_URL);
//   extmailDb() extman's tables (DATABASE_URL), through an account that may
//               only read them and update the mailbox columns the console changes.
// No query joins the two: they may live on different servers.

function createMailwardenClient() {
  return new MailwardenClient({ adapter: new PrismaMariaDb(mariadbConfig(env().MW_DATABASE_URL)) });
}

// Password columns are omitted by default: only lib/auth and
// lib/extman-tables/passwords ask for them explicitly.
function createExtmailClient() {
  return new ExtmanClient({
    adapter: new PrismaMariaDb(mariadbConfig(env().DATABASE_URL)),
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

type Db = ReturnType<typeof createMailwardenClient>;
export type ExtmailDb = ReturnType<typeof createExtmailClient>;
const globalForDb = globalThis as unknown as { mailwardenDb?: Db; mailwardenExtmailDb?: ExtmailDb };

/** The console's own tables (mw_*). */
export function db(): Db {
  globalForDb.mailwardenDb ??= createMailwardenClient();
  return globalForDb.mailwardenDb;
}

/** extman's tables (mailbox, manager, domain, alias, domain_manager). */
export function extmailDb(): ExtmailDb {
  globalForDb.mailwardenExtmailDb ??= createExtmailClient();
  return globalForDb.mailwardenExtmailDb;
}
