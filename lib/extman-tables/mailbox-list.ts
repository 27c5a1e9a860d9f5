import { Prisma } from '@/lib/generated/prisma/client';
import { isExpired, parseExtmailDate } from '@/lib/extman-tables/dates';
import { DISABLE_FLAGS, type DisableFlag, type FlagValue, type MailboxList, type MailboxListQuery, type MailboxRow } from '@/lib/mailboxes/schemas';
import { columnsOf, pickPresent, supportsWindowFunctions, type ExtmailClient } from './mailbox-client';
import { mailboxListColumns, mailboxOrder, mailboxWhere, pageWindow, type PageWindow, type Scope } from './mailbox-sql';

// The mailbox list, built to stay fast on 100,000 rows without an index of
// our own (Mailwarden never alters extmail's tables):
// - the page is found by username only (narrow rows to sort, and the primary
//   key serves unfiltered pages as a covering index), then its rows are read
//   by primary key;
// - with a filter (a full scan anyway) one query returns the page and the
//   total where the server has window functions; otherwise the count runs
//   beside it, except for deep pages, which need the total first to be
//   served from the far end;
// - dates come back as text, so zero dates cannot break the driver.

type RawRow = {
  username: string;
  name: string;
  domain: string;
  active: number | bigint;
  quota: string;
  createdate: string | null;
  expiredate: string | null;
} & Partial<Record<DisableFlag, number | bigint | null>>;

// Below this offset the page query is cheap enough to run without the total.
const DEEP_OFFSET = 5_000;

export async function listMailboxes(client: ExtmailClient, scope: Scope, query: MailboxListQuery, now = new Date()): Promise<MailboxList> {
  const flags = pickPresent(DISABLE_FLAGS, await columnsOf(client, 'mailbox'));
  const where = mailboxWhere(query, scope, flags);
  const filtered = where.sql !== '';
  const count = () => client.$queryRaw<{ n: number | bigint }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM mailbox ${where}`).then((r) => Number(r[0]?.n ?? 0));
  const keys = async (w: PageWindow) => {
    if (w.limit === 0) return [];
    const rows = await client.$queryRaw<{ username: string }[]>(
      Prisma.sql`SELECT username FROM mailbox ${where} ${mailboxOrder(query.sort, query.order, { filtered, reversed: w.reversed })}
        LIMIT ${w.limit} OFFSET ${w.offset}`,
    );
    const names = rows.map((r) => r.username);
    return w.reversed ? names.reverse() : names;
  };

  let total: number;
  let usernames: string[];
  const shallow = (query.page - 1) * query.pageSize < DEEP_OFFSET;
  if (shallow && filtered && (await supportsWindowFunctions(client))) {
    // A filter means a full scan; one scan can give both the page and the total.
    const w = pageWindow(null, query.page, query.pageSize);
    const rows = await client.$queryRaw<{ username: string; n: number | bigint }[]>(
      Prisma.sql`SELECT username, COUNT(*) OVER () AS n FROM mailbox ${where} ${mailboxOrder(query.sort, query.order, { filtered })}
        LIMIT ${w.limit} OFFSET ${w.offset}`,
    );
    usernames = rows.map((r) => r.username);
    // A page past the end has no row to carry the total.
    total = rows[0] ? Number(rows[0].n) : query.page === 1 ? 0 : await count();
  } else if (shallow) {
    [total, usernames] = await Promise.all([count(), keys(pageWindow(null, query.page, query.pageSize))]);
  } else {
    total = await count();
    usernames = await keys(pageWindow(total, query.page, query.pageSize));
  }
  return { total, rows: await rowsFor(client, usernames, flags, now) };
}

async function rowsFor(client: ExtmailClient, usernames: string[], flags: readonly DisableFlag[], now: Date): Promise<MailboxRow[]> {
  if (usernames.length === 0) return [];
  const rows = await client.$queryRaw<RawRow[]>(Prisma.sql`SELECT ${mailboxListColumns(flags)} FROM mailbox WHERE username IN (${Prisma.join(usernames)})`);
  // Back into the page's order; the key is case-insensitive, like the column.
  const byName = new Map(rows.map((r) => [r.username.toLowerCase(), r]));
  return usernames.flatMap((u) => {
    const r = byName.get(u.toLowerCase());
    return r ? [toRow(r, flags, now)] : [];
  });
}

export function flagValue(v: number | bigint | null | undefined): FlagValue {
  if (v === null || v === undefined) return null;
  return Number(v) !== 0;
}

export function toRow(r: RawRow, flags: readonly DisableFlag[], now: Date): MailboxRow {
  const expiredate = parseExtmailDate(r.expiredate);
  return {
    username: r.username,
    name: r.name,
    domain: r.domain,
    active: Number(r.active) === 1,
    quota: r.quota,
    createdate: parseExtmailDate(r.createdate),
    expiredate,
    expired: isExpired(expiredate, now),
    flags: Object.fromEntries(flags.map((f) => [f, flagValue(r[f])])),
  };
}
