import { Prisma } from '@/lib/generated/prisma/client';
import { isExpired, parseExtmailDate } from '@/lib/extmail/dates';
import { DISABLE_FLAGS, type DisableFlag, type FlagValue, type MailboxList, type MailboxListQuery, type MailboxRow } from '@/lib/mailboxes/schemas';
import { columnsOf, pickPresent, type ExtmailClient } from './mailbox-client';
import { mailboxListColumns, mailboxOrder, mailboxWhere, type Scope } from './mailbox-sql';

// The mailbox list, built to stay fast on 100,000 rows without an index
// (Mailwarden never alters extmail's tables): only the listed columns are read,
// the count and the page are two plain queries run side by side, and the dates
// come back as text so zero dates cannot break the driver.

type RawRow = {
  username: string;
  name: string;
  domain: string;
  active: number | bigint;
  quota: string;
  createdate: string | null;
  expiredate: string | null;
} & Partial<Record<DisableFlag, number | bigint | null>>;

export async function listMailboxes(client: ExtmailClient, scope: Scope, query: MailboxListQuery, now = new Date()): Promise<MailboxList> {
  const flags = pickPresent(DISABLE_FLAGS, await columnsOf(client, 'mailbox'));
  const where = mailboxWhere(query, scope, flags);
  const offset = (query.page - 1) * query.pageSize;
  const [counted, rows] = await Promise.all([
    client.$queryRaw<{ n: number | bigint }[]>(Prisma.sql`SELECT COUNT(*) AS n FROM mailbox ${where}`),
    client.$queryRaw<RawRow[]>(
      Prisma.sql`SELECT ${mailboxListColumns(flags)} FROM mailbox ${where}
        ${mailboxOrder(query.sort, query.order)} LIMIT ${query.pageSize} OFFSET ${offset}`,
    ),
  ]);
  return { total: Number(counted[0]?.n ?? 0), rows: rows.map((r) => toRow(r, flags, now)) };
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
