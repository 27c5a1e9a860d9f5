import type mysql from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorResponse } from '@/lib/errors';
import { verifyPassword } from '@/lib/auth/crypto';
import { findMailbox } from '@/lib/extman-tables/mailbox-detail';
import { listMailboxes } from '@/lib/extman-tables/mailbox-list';
import { resetMailboxPassword, setSendingBlocked } from '@/lib/extman-tables/mailbox-write';
import { mailboxListQuerySchema } from '@/lib/mailboxes/schemas';
import {
  consoleDatabaseUrl,
  createExtmailClient,
  createScratchDatabase,
  dropScratchDatabase,
  rootConnection,
  upstreamTables,
  urlForDatabase,
} from '@/scripts/bench/extmail-db';

// The mailbox verbs against real MariaDB schemas: the lab's upstream extman
// 1.1 database with its sample rows, a scratch copy of that schema for writes,
// and an extman-0.2-era database that lacks every later column.

const admin = { role: 'admin' as const, domains: [] };
const pm = { role: 'postmaster' as const, domains: ['example.com'] };
const list = (q: Record<string, string> = {}) => mailboxListQuerySchema.parse(q);

describe('the lab database (upstream extman 1.1 schema and sample rows)', () => {
  const client = createExtmailClient(consoleDatabaseUrl());
  afterAll(() => client.$disconnect());

  it('reads the upstream sample mailbox, its domain and the alias to it', async () => {
    const box = await findMailbox(client, admin, 'postmaster@extmail.org');
    expect(box).not.toBeNull();
    expect(box!.quota).toBe('104857600S');
    expect(box!.createdate.iso).toBe('2007-02-14T15:10:04');
    expect(box!.expiredate.iso).toBe('2010-11-08T00:00:00');
    expect(box!.expired).toBe(true);
    expect(box!.domainInfo?.domain).toBe('extmail.org');
    expect(box!.domainInfo?.flags.disableimap).toBe(true);
    expect(box!.aliases.map((a) => a.address)).toContain('support@extmail.org');
    expect(box!.columns.clearpwd).toBe(true);
  });

  it('reads the upstream manager through Prisma', async () => {
    const root = await client.manager.findUnique({ where: { username: 'root@extmail.org' }, select: { type: true, name: true } });
    expect(root).toEqual({ type: 'admin', name: 'Super User' });
  });

  it('reads zero dates as "never" instead of throwing', async () => {
    const box = await findMailbox(client, admin, 'test1@example.com');
    expect(box!.createdate).toMatchObject({ isZero: true, iso: null });
    expect(box!.expiredate.isZero).toBe(true);
    expect(box!.expired).toBe(false);
    const sorted = await listMailboxes(client, admin, list({ sort: 'createdate', pageSize: '500' }));
    expect(sorted.rows.some((r) => r.createdate.isZero)).toBe(true);
  });

  it('keeps a postmaster inside his domains, in the list and in the detail', async () => {
    const seen = await listMailboxes(client, pm, list({ pageSize: '500' }));
    expect(seen.total).toBeGreaterThan(0);
    expect(seen.rows.every((r) => r.domain === 'example.com')).toBe(true);
    expect(await findMailbox(client, pm, 'ceo@corp.test')).toBeNull();
    expect((await listMailboxes(client, pm, list({ domain: 'corp.test' }))).total).toBe(0);
  });

  it('finds nothing, and fails on nothing, for quotes, wildcards and shell characters', async () => {
    const odd = "a'b%_;$(id)@example.com";
    expect(await findMailbox(client, admin, odd)).toBeNull();
    expect((await listMailboxes(client, admin, list({ q: odd }))).total).toBe(0);
    // % is literal: "%" alone matches no address (none contains a percent sign).
    expect((await listMailboxes(client, admin, list({ q: '%' }))).total).toBe(0);
  });

  it('gives the same pages on a server without window functions (MySQL 5.x, MariaDB < 10.2)', async () => {
    // The same database, but the client reports an old server version.
    let asked = 0;
    const old = new Proxy(client, {
      get(target, prop) {
        if (prop !== '$queryRaw') return Reflect.get(target, prop);
        return (q: TemplateStringsArray, ...values: unknown[]) =>
          Array.isArray(q) && q.join('').includes('VERSION()') ? (asked++, Promise.resolve([{ v: '5.5.68-MariaDB' }])) : target.$queryRaw(q, ...values);
      },
    });
    const shapes: Record<string, string>[] = [
      { q: 'example' },
      { domain: 'example.com', sort: 'createdate', order: 'desc' },
      { q: 'example', page: '9', pageSize: '5' },
    ];
    for (const q of shapes) {
      expect(await listMailboxes(old, admin, list(q))).toEqual(await listMailboxes(client, admin, list(q)));
    }
    expect(asked).toBe(1);
  });

  it('filters by flag, status and expiry as the seed describes them', async () => {
    const smtpdOff = await listMailboxes(client, admin, list({ flag: 'disablesmtpd' }));
    expect(smtpdOff.rows.map((r) => r.username)).toContain('former@example.com');
    const inactive = await listMailboxes(client, admin, list({ status: 'inactive' }));
    expect(inactive.rows.map((r) => r.username)).toContain('left@example.com');
    const expired = await listMailboxes(client, admin, list({ expired: 'true', pageSize: '500' }));
    expect(expired.rows.every((r) => r.expired)).toBe(true);
    expect(expired.rows.map((r) => r.username)).toEqual(expect.arrayContaining(['postmaster@extmail.org', 'former@example.com']));
  });
});

describe('writes on a scratch copy of the upstream schema', () => {
  const name = 'extmail_mw_scratch';
  let root: mysql.Connection;
  let client: ReturnType<typeof createExtmailClient>;

  beforeAll(async () => {
    root = await rootConnection();
    await createScratchDatabase(root, name, upstreamTables());
    await root.query(
      `INSERT INTO mailbox (username, password, clearpwd, domain, quota, createdate, expiredate, active, disablesmtpd)
       VALUES ('info@example.com', '$1$RpyMEokE$QNzHVkU3V1Q4rNsHeW1Y/0', 'info123', 'example.com', '524288000S', '2011-04-25 15:35:54', '0000-00-00', 1, 0)`,
    );
    client = createExtmailClient(urlForDatabase(name));
  });
  afterAll(async () => {
    await client?.$disconnect();
    await dropScratchDatabase(root, name);
    await root.end();
  });

  it('resets the hash and erases the clear-text copy in one statement, and says so', async () => {
    const out = await resetMailboxPassword(client, admin, 'info@example.com', { generate: true }, 'md5-crypt');
    expect(out.clearpwdErased).toBe(true);
    const [rows] = await root.query(`SELECT password, clearpwd FROM \`${name}\`.mailbox WHERE username = 'info@example.com'`);
    const row = (rows as { password: string; clearpwd: string }[])[0]!;
    expect(row.clearpwd).toBe('');
    expect(row.password.startsWith('$1$')).toBe(true);
    expect((await verifyPassword(out.password!, row.password)).ok).toBe(true);
    expect((await verifyPassword('info123', row.password)).ok).toBe(false);
  });

  it('refuses a weak typed password with the reasons, and leaves the row alone', async () => {
    const [before] = await root.query(`SELECT password FROM \`${name}\`.mailbox`);
    await expect(resetMailboxPassword(client, admin, 'info@example.com', { password: 'info123' }, 'md5-crypt')).rejects.toMatchObject({
      code: 'invalid',
      details: { reasons: expect.arrayContaining(['password.tooShort']) },
    });
    const [after] = await root.query(`SELECT password FROM \`${name}\`.mailbox`);
    expect(after).toEqual(before);
  });

  it('sets and clears disablesmtpd', async () => {
    expect((await setSendingBlocked(client, admin, 'info@example.com', true)).wasBlocked).toBe(false);
    expect((await findMailbox(client, admin, 'info@example.com'))!.flags.disablesmtpd).toBe(true);
    expect((await setSendingBlocked(client, admin, 'info@example.com', false)).wasBlocked).toBe(true);
  });

  it('answers 404 for a mailbox outside a postmaster\u2019s domains without writing', async () => {
    await expect(setSendingBlocked(client, { role: 'postmaster', domains: ['corp.test'] }, 'info@example.com', true)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});

// extman 0.2 era: no clearpwd, mailhost, disable*, question/answer on mailbox;
// no hashdirpath, can_signup, default_*, disable* on domain; DATETIME expiry.
const OLD_SCHEMA = [
  `CREATE TABLE manager (username varchar(255) NOT NULL default '', password varchar(255) NOT NULL default '', type varchar(64) NOT NULL default 'postmaster', uid varchar(255) NOT NULL default '', name varchar(255) NOT NULL default '', createdate datetime NOT NULL default '0000-00-00 00:00:00', expiredate datetime NOT NULL default '0000-00-00 00:00:00', active tinyint(1) NOT NULL default '1', PRIMARY KEY (username)) ENGINE=MyISAM`,
  `CREATE TABLE alias (address varchar(255) NOT NULL default '', goto text NOT NULL, domain varchar(255) NOT NULL default '', createdate datetime NOT NULL default '0000-00-00 00:00:00', expiredate datetime NOT NULL default '0000-00-00 00:00:00', active tinyint(1) NOT NULL default '1', PRIMARY KEY (address)) ENGINE=MyISAM`,
  `CREATE TABLE domain (domain varchar(255) NOT NULL default '', description varchar(255) NOT NULL default '', maxalias int(10) NOT NULL default '0', maxusers int(10) NOT NULL default '0', maxquota varchar(16) NOT NULL default '0', maxnetdiskquota varchar(16) NOT NULL default '0', transport varchar(255) default NULL, createdate datetime NOT NULL default '0000-00-00 00:00:00', expiredate datetime NOT NULL default '0000-00-00 00:00:00', active tinyint(1) NOT NULL default '1', PRIMARY KEY (domain)) ENGINE=MyISAM`,
  `CREATE TABLE domain_manager (username varchar(255) NOT NULL default '', domain varchar(255) NOT NULL default '', createdate datetime NOT NULL default '0000-00-00 00:00:00', active tinyint(1) NOT NULL default '1') ENGINE=MyISAM`,
  `CREATE TABLE mailbox (username varchar(255) NOT NULL default '', uid varchar(255) NOT NULL default '', password varchar(255) NOT NULL default '', name varchar(255) NOT NULL default '', maildir varchar(255) NOT NULL default '', homedir varchar(255) NOT NULL default '', quota varchar(16) NOT NULL default '0', netdiskquota varchar(16) NOT NULL default '0', domain varchar(255) NOT NULL default '', uidnumber int(6) NOT NULL default '1000', gidnumber int(6) NOT NULL default '1000', createdate datetime NOT NULL default '0000-00-00 00:00:00', expiredate datetime NOT NULL default '0000-00-00 00:00:00', active smallint(1) NOT NULL default '1', PRIMARY KEY (username)) ENGINE=MyISAM`,
];

describe('an extman 0.2 era database without the later columns', () => {
  const name = 'extmail_oldschema';
  let root: mysql.Connection;
  let client: ReturnType<typeof createExtmailClient>;

  beforeAll(async () => {
    root = await rootConnection();
    await createScratchDatabase(root, name, OLD_SCHEMA);
    await root.query(`INSERT INTO domain (domain, description) VALUES ('old.test', 'old site')`);
    await root.query(
      `INSERT INTO mailbox (username, uid, password, name, maildir, homedir, quota, domain, createdate, expiredate, active) VALUES
       ('boss@old.test', 'boss', '$1$RpyMEokE$QNzHVkU3V1Q4rNsHeW1Y/0', 'Boss', 'old.test/boss/Maildir/', 'old.test/boss', '1000C,52428800S', 'old.test', '0000-00-00 00:00:00', '0000-00-00 00:00:00', 1),
       ('gone@old.test', 'gone', 'x', 'Gone', 'old.test/gone/Maildir/', 'old.test/gone', '0', 'old.test', '2005-06-01 08:00:00', '2006-01-01 00:00:00', 0)`,
    );
    await root.query(`INSERT INTO alias (address, goto, domain) VALUES ('all@old.test', 'boss@old.test, gone@old.test', 'old.test')`);
    client = createExtmailClient(urlForDatabase(name));
  });
  afterAll(async () => {
    await client?.$disconnect();
    await dropScratchDatabase(root, name);
    await root.end();
  });

  it('lists, sorts and filters without the missing columns', async () => {
    const all = await listMailboxes(client, admin, list({ sort: 'createdate', order: 'desc' }));
    expect(all.total).toBe(2);
    expect(all.rows[0]!.username).toBe('gone@old.test');
    expect(all.rows[0]!.flags).toEqual({});
    expect(all.rows[1]!.createdate.isZero).toBe(true);
    expect((await listMailboxes(client, admin, list({ flag: 'disablesmtpd' }))).total).toBe(0);
    expect((await listMailboxes(client, admin, list({ expired: 'true' }))).rows.map((r) => r.username)).toEqual(['gone@old.test']);
    expect((await listMailboxes(client, admin, list({ q: 'bos', sort: 'quota' }))).rows.map((r) => r.username)).toEqual(['boss@old.test']);
  });

  it('shows the detail with the columns it has, and says which it lacks', async () => {
    const box = await findMailbox(client, admin, 'boss@old.test');
    expect(box).toMatchObject({ mailhost: null, clearpwdStored: null, disablepwdchange: null, columns: { clearpwd: false, mailhost: false, flags: [] } });
    expect(box!.expiredate.isZero).toBe(true);
    expect(box!.domainInfo).toEqual({ domain: 'old.test', description: 'old site', active: true, flags: {} });
    expect(box!.aliases).toEqual([{ address: 'all@old.test', active: true, goto: ['boss@old.test', 'gone@old.test'] }]);
  });

  it('resets a password without a clearpwd column', async () => {
    const out = await resetMailboxPassword(client, admin, 'boss@old.test', { generate: true }, 'md5-crypt');
    expect(out.clearpwdErased).toBe(false);
    const [rows] = await root.query(`SELECT password FROM \`${name}\`.mailbox WHERE username = 'boss@old.test'`);
    expect((await verifyPassword(out.password!, (rows as { password: string }[])[0]!.password)).ok).toBe(true);
  });

  it('refuses to block sending where there is no disablesmtpd column', async () => {
    await expect(setSendingBlocked(client, admin, 'boss@old.test', true)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('a database that cannot be reached', () => {
  it('fails the list with the API\u2019s 503, not a 500', async () => {
    const u = new URL(consoleDatabaseUrl());
    u.port = '1'; // nothing listens there
    const client = createExtmailClient(u.toString());
    try {
      const err = await listMailboxes(client, admin, list()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      const res = errorResponse(err);
      expect(res.status).toBe(503);
      expect((await res.json()).error.code).toBe('unavailable');
    } finally {
      await client.$disconnect();
    }
  });
});
