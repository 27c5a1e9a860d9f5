// Prints the SQL that gives the console's database account exactly its
// rights, for a MariaDB/MySQL administrator to run (`... | mariadb -uroot`):
// everything on the console's own database, and on extman's only SELECT plus
// UPDATE of the mailbox columns the console changes. The lab applies the same
// output (scripts/lab.d/grants.sql, kept equal by grants.test.ts).
//
//   npx tsx scripts/grants.ts [--host H]... [--before-move]   account and databases from
//                                                              DATABASE_URL / MW_DATABASE_URL (.env.local)
//   npx tsx scripts/grants.ts --lab                           the lab's account
//
// --before-move prints only the first part (the console's database and its
// rights, nothing taken away): an install whose tables are still in the
// extmail database runs that, then scripts/migrate.ts (which moves them with
// the account's old rights), then the whole output.
import { databaseName } from '../lib/db-urls';
import { consoleDatabaseUrls } from './env-local';

export type GrantOptions = { user: string; password: string; hosts: string[]; extmailDb: string; mailwardenDb: string };

export const LAB_GRANTS: GrantOptions = {
  user: 'mailwarden',
  password: 'mailwarden-lab',
  hosts: ['localhost', '127.0.0.1'],
  extmailDb: 'extmail',
  mailwardenDb: 'mailwarden',
};

/** extman's tables the console reads. */
export const EXTMAN_READ = ['mailbox', 'manager', 'domain', 'alias', 'domain_manager'] as const;

/**
 * The only extman columns the console writes (lib/extman-tables/mailbox-write.ts):
 * a password reset sets `password` and empties `clearpwd` in one UPDATE;
 * blocking sending sets `disablesmtpd`.
 */
export const MAILBOX_UPDATE = ['password', 'clearpwd', 'disablesmtpd'] as const;

/** A console user changing their own password (Account page) sets `manager.password`, nothing else there. */
export const MANAGER_UPDATE = ['password'] as const;

/** The marker after which the rights are narrowed; what comes before it is the --before-move part. */
export const NARROW_MARKER = '-- narrow:';

const ident = (s: string) => `\`${s.replace(/`/g, '``')}\``;
const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function grantStatements(o: GrantOptions, opts: { beforeMove?: boolean } = {}): string {
  const accounts = o.hosts.map((h) => `${str(o.user)}@${str(h)}`);
  const each = (f: (a: string) => string) => accounts.map(f);
  const own = each((a) => `GRANT ALL PRIVILEGES ON ${ident(o.mailwardenDb)}.* TO ${a};`);
  const lines = [
    `-- Mailwarden's database account, printed by \`npx tsx scripts/grants.ts\` (the lab's: --lab). Run as a database administrator.`,
    opts.beforeMove
      ? `-- Before the move only: adds the console's database; run scripts/migrate.ts next, then the full output.`
      : `-- Idempotent: afterwards the account has exactly these rights, whatever it had before.`,
    `CREATE DATABASE IF NOT EXISTS ${ident(o.mailwardenDb)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`,
    ...each((a) => `CREATE USER IF NOT EXISTS ${a} IDENTIFIED BY ${str(o.password)};`),
    ...each((a) => `ALTER USER ${a} IDENTIFIED BY ${str(o.password)};`),
    `-- The console's own tables: all rights (its migrations create and alter them).`,
    ...own,
  ];
  if (opts.beforeMove) return lines.join('\n') + '\n';
  const cols = MAILBOX_UPDATE.map(ident).join(', ');
  lines.push(
    `${NARROW_MARKER} everything else is taken back (the rights an earlier release had on all of ${o.extmailDb} too).`,
    ...each((a) => `REVOKE ALL PRIVILEGES, GRANT OPTION FROM ${a};`),
    ...own,
    `-- extman's tables: read only ...`,
    ...EXTMAN_READ.flatMap((t) => each((a) => `GRANT SELECT ON ${ident(o.extmailDb)}.${ident(t)} TO ${a};`)),
    `-- ... and update only the mailbox columns the console changes (password reset, blocking sending).`,
    `-- An extman older than 0.2.1 has no clearpwd column (older than 0.2.0, no disablesmtpd): leave it out.`,
    ...each((a) => `GRANT UPDATE (${cols}) ON ${ident(o.extmailDb)}.${ident('mailbox')} TO ${a};`),
    `-- ... and a console user's own password (the Account page).`,
    ...each((a) => `GRANT UPDATE (${MANAGER_UPDATE.map(ident).join(', ')}) ON ${ident(o.extmailDb)}.${ident('manager')} TO ${a};`),
  );
  return lines.join('\n') + '\n';
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The account and databases the console is configured with (.env.local or the environment). */
export function configuredGrants(hosts: string[]): GrantOptions {
  const urls = consoleDatabaseUrls();
  const mw = new URL(urls.mailwarden);
  const ext = new URL(urls.extmail);
  if (mw.username !== ext.username) {
    throw new Error('DATABASE_URL and MW_DATABASE_URL log in as different users; these grants are for one account');
  }
  if (hosts.length === 0) {
    if (!LOOPBACK.has(mw.hostname)) throw new Error(`the database is on ${mw.hostname}: name the console's address as MariaDB sees it with --host`);
    hosts = ['localhost', '127.0.0.1'];
  }
  return {
    user: decodeURIComponent(mw.username),
    password: decodeURIComponent(mw.password),
    hosts,
    extmailDb: databaseName(urls.extmail),
    mailwardenDb: databaseName(urls.mailwarden),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const hosts: string[] = [];
  let lab = false;
  let beforeMove = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--lab') lab = true;
    else if (a === '--before-move') beforeMove = true;
    else if (a === '--host' && args[i + 1]) hosts.push(args[++i]!);
    else {
      console.error('usage: npx tsx scripts/grants.ts [--lab] [--before-move] [--host HOST]...');
      process.exit(2);
    }
  }
  try {
    process.stdout.write(grantStatements(lab ? LAB_GRANTS : configuredGrants(hosts), { beforeMove }));
  } catch (err) {
    console.error(`grants: ${(err as Error).message}`);
    process.exit(1);
  }
}
