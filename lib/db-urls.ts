// The console's two databases, from the environment. No `server-only`: the
// scripts (migrate, grants, register-lab-host, benchmarks) and the tests
// derive the same URLs as the console.
//
// DATABASE_URL      extman's database (extmail), read through a least-privilege account.
// MW_DATABASE_URL   the console's own tables (mw_*); by default a `mailwarden`
//                   database on the same server, with the same account.

export const DEFAULT_MW_DATABASE = 'mailwarden';

/** DATABASE_URL with its database replaced: where the console's tables go by default. */
export function defaultMwDatabaseUrl(databaseUrl: string): string {
  const u = new URL(databaseUrl);
  u.pathname = `/${DEFAULT_MW_DATABASE}`;
  return u.toString();
}

/** The database a mysql:// URL names (its path), '' when it names none. */
export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** Whether two URLs name the same database on the same server (whoever logs in). */
export function sameDatabase(a: string, b: string): boolean {
  const [x, y] = [new URL(a), new URL(b)];
  return x.hostname === y.hostname && (x.port || '3306') === (y.port || '3306') && databaseName(a) === databaseName(b);
}

export type DatabaseUrls = { extmail: string; mailwarden: string };

export function databaseUrls(env: Record<string, string | undefined>): DatabaseUrls {
  const extmail = env.DATABASE_URL?.trim();
  if (!extmail) throw new Error('DATABASE_URL is not set (scripts/setup writes it to .env.local)');
  const mailwarden = env.MW_DATABASE_URL?.trim() || defaultMwDatabaseUrl(extmail);
  return { extmail, mailwarden };
}
