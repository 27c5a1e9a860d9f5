// Applies prisma/migrations/<n>_<name>/migration.sql in order, once each,
// recording them in mw_schema_migrations. Prisma's own `migrate deploy`
// needs a schema-engine binary that cannot be downloaded here; the folder
// layout is the same, so a site that has the engine can use it instead.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import mysql from 'mysql2/promise';

export async function migrate(databaseUrl: string, dir = path.resolve(__dirname, '../prisma/migrations')) {
  const conn = await mysql.createConnection({ uri: databaseUrl, multipleStatements: true });
  try {
    await conn.query(`CREATE TABLE IF NOT EXISTS mw_schema_migrations (
      name VARCHAR(255) NOT NULL PRIMARY KEY,
      applied_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB`);
    const [rows] = await conn.query('SELECT name FROM mw_schema_migrations');
    const applied = new Set((rows as { name: string }[]).map((r) => r.name));
    const names = (await readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && /^\d+_[\w-]+$/.test(d.name))
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
  } finally {
    await conn.end();
  }
}

if (require.main === module) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set (scripts/setup writes it to .env.local).');
    process.exit(1);
  }
  migrate(url)
    .then((done) => console.log(done.length ? `applied: ${done.join(', ')}` : 'migrations: up to date'))
    .catch((err) => {
      console.error(`migration failed: ${err.message}`);
      process.exit(1);
    });
}
