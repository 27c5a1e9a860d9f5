import 'server-only';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { db } from '@/lib/db';

// Whether the console's database has every migration this build ships
// (prisma/migrations, applied by scripts/migrate.ts and recorded in
// mw_schema_migrations). A console whose tables are missing or older than
// its code answers 500s on every page; /api/health says so instead.

export const MIGRATION_NAME = /^\d+_[\w-]+$/;

let shipped: Promise<string[]> | undefined;

/** The migrations of this build, read once (`next start` runs from the project directory). */
export function shippedMigrations(dir = path.join(process.cwd(), 'prisma/migrations')): Promise<string[]> {
  shipped ??= readdir(dir, { withFileTypes: true }).then((entries) =>
    entries
      .filter((d) => d.isDirectory() && MIGRATION_NAME.test(d.name))
      .map((d) => d.name)
      .sort(),
  );
  shipped.catch(() => (shipped = undefined));
  return shipped;
}

export type SchemaState = { schema: 'current' | 'behind'; missing: string[] };

export function compareMigrations(shippedNames: string[], applied: Iterable<string>): SchemaState {
  const done = new Set(applied);
  const missing = shippedNames.filter((n) => !done.has(n));
  return { schema: missing.length ? 'behind' : 'current', missing };
}

/** Throws when the database cannot be asked; a missing migrations table means nothing was applied. */
export async function schemaState(): Promise<SchemaState> {
  const names = await shippedMigrations();
  let applied: string[] = [];
  try {
    applied = (await db().$queryRaw<{ name: string }[]>`SELECT name FROM mw_schema_migrations`).map((r) => r.name);
  } catch (err) {
    if (!/mw_schema_migrations|1146|doesn't exist/i.test(String((err as Error).message))) throw err;
  }
  return compareMigrations(names, applied);
}
