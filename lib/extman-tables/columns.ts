import 'server-only';
import { extmailDb } from '@/lib/db';

// extman grew columns over its versions (clearpwd in 0.2.1, disable* in 0.2.0,
// question/answer in 0.2.4, hashdirpath later). Sites upgraded by hand often
// lack some of them, and Prisma fails on a select of a missing column. Every
// read in lib/extman-tables therefore asks for the columns this database really has.

export type ExtmailTable = 'mailbox' | 'manager' | 'domain' | 'alias' | 'domain_manager';

const cache = new Map<ExtmailTable, Promise<Set<string>>>();

export function presentColumns(table: ExtmailTable): Promise<Set<string>> {
  let columns = cache.get(table);
  if (!columns) {
    columns = extmailDb().$queryRaw<{ name: string }[]>`
        SELECT COLUMN_NAME AS name FROM information_schema.COLUMNS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ${table}`.then((rows) => new Set(rows.map((r) => r.name.toLowerCase())));
    // A failed lookup must not be cached forever (database briefly down).
    columns.catch(() => cache.delete(table));
    cache.set(table, columns);
  }
  return columns;
}

/** Keeps only the requested fields that exist as columns. */
export function onlyPresent<T extends Record<string, boolean>>(wanted: T, present: Set<string>): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(wanted) as (keyof T)[]) {
    if (present.has(String(key).toLowerCase())) out[key] = wanted[key];
  }
  return out;
}

export function forgetColumnCache() {
  cache.clear();
}
