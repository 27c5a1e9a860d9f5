import path from 'node:path';
import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rootConnection, upstreamTables } from '@/scripts/bench/extmail-db';
import { consoleDatabaseUrls } from '@/scripts/env-local';
import { migrate } from '@/scripts/migrate';

// scripts/migrate.ts on a scratch pair of databases made here and dropped
// afterwards (never the lab's own extmail): a release-before-the-split install
// whose console tables sit in its extmail database is moved to the console's
// own database with everything in it, run as the console's account.

const EXT = 'mwtest_move_extmail';
const MW = 'mwtest_move_mailwarden';
const HOSTS = ['localhost', '127.0.0.1'];
const MIGRATIONS = path.resolve(__dirname, '../../prisma/migrations');

const account = new URL(consoleDatabaseUrls().mailwarden);
const user = decodeURIComponent(account.username);
const urlFor = (name: string) => Object.assign(new URL(account.toString()), { pathname: `/${name}` }).toString();
const urls = { extmail: urlFor(EXT), mailwarden: urlFor(MW) };

let root: mysql.Connection;

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await root.query(sql, values))[0] as T[];
}
const consoleTables = (db: string) =>
  rows<{ t: string }>("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME LIKE 'mw\\_%' ORDER BY 1", [db]).then((r) =>
    r.map((x) => x.t),
  );

async function dropBoth() {
  await root.query(`DROP DATABASE IF EXISTS \`${EXT}\``);
  await root.query(`DROP DATABASE IF EXISTS \`${MW}\``);
}

/** An install of an earlier release: extman's tables and the console's, side by side, with data. */
async function legacyInstall() {
  await root.query(`CREATE DATABASE \`${EXT}\` DEFAULT CHARACTER SET utf8mb3`);
  await root.query(`USE \`${EXT}\``);
  await root.query("SET SESSION sql_mode = ''");
  for (const t of upstreamTables()) await root.query(t);
  await root.query("INSERT INTO mailbox (username, domain, maildir, question, answer) VALUES ('a@example.com', 'example.com', 'x', '', '')");
  // What that release's migrate did: the console's migrations, in the extmail database.
  await migrate({ extmail: urlFor('mwtest_unused'), mailwarden: urls.extmail }, { dir: MIGRATIONS });
  await root.query(
    `INSERT INTO \`${EXT}\`.mw_host (name, address, port, username, private_key_sealed, maillog_paths) VALUES ('old', '10.0.0.1', 22, 'mailwarden', 'sealed', '[]')`,
  );
  await root.query(`INSERT INTO \`${EXT}\`.mw_audit (actor, role, action, ok) VALUES ('root@extmail.org', 'admin', 'host.create', 1)`);
}

beforeAll(async () => {
  root = await rootConnection();
  await dropBoth();
  // The old release's rights on its extmail database, and the new ones on the console's.
  for (const h of HOSTS) {
    await root.query(`GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, ALTER, INDEX, DROP ON \`${EXT}\`.* TO ?@?`, [user, h]);
    await root.query(`GRANT ALL PRIVILEGES ON \`${MW}\`.* TO ?@?`, [user, h]);
  }
});

afterAll(async () => {
  await dropBoth();
  for (const h of HOSTS) {
    await root.query(`REVOKE ALL PRIVILEGES ON \`${EXT}\`.* FROM ?@?`, [user, h]).catch(() => undefined);
    await root.query(`REVOKE ALL PRIVILEGES ON \`${MW}\`.* FROM ?@?`, [user, h]).catch(() => undefined);
  }
  await root.end();
});

beforeEach(dropBoth);

describe('scripts/migrate.ts', () => {
  it('moves an earlier install\u2019s console tables out of extmail, rows and all, creating the console database', async () => {
    await legacyInstall();
    const before = await consoleTables(EXT);
    expect(before).toContain('mw_host');
    const logged: string[] = [];
    const res = await migrate(urls, { dir: MIGRATIONS, log: (l) => logged.push(l) });
    expect(res.moved).toEqual(before);
    expect(res.applied).toEqual([]); // every migration came along in mw_schema_migrations
    expect(logged.join('\n')).toMatch(/created database mwtest_move_mailwarden[\s\S]*moving the console's tables from database mwtest_move_extmail/);
    expect(await consoleTables(EXT)).toEqual([]);
    expect(await consoleTables(MW)).toEqual(before);
    expect(await rows(`SELECT name, address FROM \`${MW}\`.mw_host`)).toEqual([{ name: 'old', address: '10.0.0.1' }]);
    expect(await rows(`SELECT actor, action FROM \`${MW}\`.mw_audit`)).toEqual([{ actor: 'root@extmail.org', action: 'host.create' }]);
    // extman's tables stay where they were, untouched.
    expect(await rows(`SELECT username FROM \`${EXT}\`.mailbox`)).toEqual([{ username: 'a@example.com' }]);
    // A second run changes nothing.
    expect(await migrate(urls, { dir: MIGRATIONS })).toEqual({ moved: [], applied: [] });
  });

  it('refuses when both databases hold console tables, and moves nothing', async () => {
    await legacyInstall();
    await root.query(`CREATE DATABASE \`${MW}\``);
    await root.query(`CREATE TABLE \`${MW}\`.mw_host (id INT PRIMARY KEY)`);
    const before = await consoleTables(EXT);
    await expect(migrate(urls, { dir: MIGRATIONS })).rejects.toThrow(
      /both mwtest_move_extmail and mwtest_move_mailwarden hold console tables.*Nothing was moved/,
    );
    expect(await consoleTables(EXT)).toEqual(before);
    expect(await consoleTables(MW)).toEqual(['mw_host']);
  });

  it('on a fresh install creates the console database and applies every migration, touching nothing in extmail', async () => {
    await root.query(`CREATE DATABASE \`${EXT}\``);
    const res = await migrate(urls, { dir: MIGRATIONS });
    expect(res.moved).toEqual([]);
    expect(res.applied.length).toBeGreaterThanOrEqual(5);
    expect(res.applied[0]).toBe('0001_console_tables');
    expect(await consoleTables(EXT)).toEqual([]);
    expect(await consoleTables(MW)).toContain('mw_schema_migrations');
  });

  it('refuses to put the console tables in the extmail database', async () => {
    await expect(migrate({ extmail: urls.extmail, mailwarden: urls.extmail }, { dir: MIGRATIONS })).rejects.toThrow(/database of their own/);
  });
});
