import type { ExtmailDb } from '@/lib/db';

// The mailbox verbs take the Prisma client as a parameter: the console passes
// extmailDb(), while the old-schema integration test and the benchmark point them at
// another database. This module stays free of `server-only` so those scripts
// can load it; the secrets live in lib/db.ts and lib/settings.ts.

export type ExtmailClient = Pick<ExtmailDb, '$queryRaw' | '$executeRaw' | 'mailbox' | 'alias' | 'domain'>;

type Table = 'mailbox' | 'domain' | 'alias';

// Per client, because each may point at a database with other columns.
const cache = new WeakMap<object, Map<Table, Promise<Set<string>>>>();

/** The columns this client's database really has (extman grew them over versions). */
export function columnsOf(client: ExtmailClient, table: Table): Promise<Set<string>> {
  let perClient = cache.get(client);
  if (!perClient) {
    perClient = new Map();
    cache.set(client, perClient);
  }
  let columns = perClient.get(table);
  if (!columns) {
    columns = client.$queryRaw<{ name: string }[]>`
        SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${table}`.then((rows) => new Set(rows.map((r) => r.name.toLowerCase())));
    // A failed lookup (database briefly down) must not be cached.
    const map = perClient;
    columns.catch(() => map.delete(table));
    perClient.set(table, columns);
  }
  return columns;
}

/** Keeps only the requested fields that exist as columns. */
export function pickPresent<K extends string>(wanted: readonly K[], present: Set<string>): K[] {
  return wanted.filter((k) => present.has(k.toLowerCase()));
}

const windowSupport = new WeakMap<object, Promise<boolean>>();

/**
 * Window functions (COUNT(*) OVER ()) arrived in MariaDB 10.2 and MySQL 8.0;
 * many extmail sites run older servers. Asked once per client.
 */
export function supportsWindowFunctions(client: ExtmailClient): Promise<boolean> {
  let known = windowSupport.get(client);
  if (!known) {
    known = client.$queryRaw<{ v: string }[]>`SELECT VERSION() AS v`.then((r) => windowFunctionsIn(r[0]?.v ?? ''));
    known.catch(() => windowSupport.delete(client));
    windowSupport.set(client, known);
  }
  return known;
}

export function windowFunctionsIn(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  if (!m) return false;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (/mariadb/i.test(version)) return major > 10 || (major === 10 && minor >= 2);
  return major >= 8;
}
