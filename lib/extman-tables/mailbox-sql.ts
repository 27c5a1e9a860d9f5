import { Prisma } from '@/lib/generated/prisma/client';
import type { Principal } from '@/lib/auth/principal';
import { DISABLE_FLAGS, type DisableFlag, type MailboxListQuery, type SortField } from '@/lib/mailboxes/schemas';

// SQL fragments for the mailbox list. Values from the request only ever go in
// as bound parameters (Prisma.sql placeholders); column names come from the
// constant tables below, never from the request.

export type Scope = Pick<Principal, 'role' | 'domains'>;

/** Makes %, _ and \ in user input literal for LIKE (MariaDB's default escape is \). */
export function escapeLike(input: string): string {
  return input.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// The Maildir++ quota "<count>C,<bytes>S" sorts by its byte part; "<bytes>S" by itself.
// The S suffix is stripped first so the cast reads a clean number.
const QUOTA_BYTES = "CAST(REPLACE(UPPER(CASE WHEN quota LIKE '%C,%' THEN SUBSTRING_INDEX(quota, ',', -1) ELSE quota END), 'S', '') AS UNSIGNED)";

const SORT_SQL: Record<SortField, string> = {
  username: 'username',
  name: 'name',
  domain: 'domain',
  createdate: 'createdate',
  expiredate: 'expiredate',
  quota: QUOTA_BYTES,
};

// Set, not zero, and on or before today: the same rule as isExpired() in
// lib/extman-tables/dates.ts (an expiry date is in force from its first day).
const EXPIRED = Prisma.sql`(expiredate > '0000-00-00' AND expiredate <= CURDATE())`;

/** The WHERE clause for a list query; `flags` are the disable* columns this database has. */
export function mailboxWhere(query: Omit<MailboxListQuery, 'sort' | 'order' | 'page' | 'pageSize'>, scope: Scope, flags: readonly DisableFlag[]): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (scope.role !== 'admin') {
    // A postmaster without domains sees nothing, not everything.
    if (scope.domains.length === 0) return Prisma.sql`WHERE 1 = 0`;
    parts.push(Prisma.sql`domain IN (${Prisma.join(scope.domains)})`);
  }
  if (query.q) {
    const like = `%${escapeLike(query.q)}%`;
    parts.push(Prisma.sql`(username LIKE ${like} OR name LIKE ${like})`);
  }
  if (query.domain) parts.push(Prisma.sql`domain = ${query.domain}`);
  if (query.status === 'active') parts.push(Prisma.sql`active = 1`);
  if (query.status === 'inactive') parts.push(Prisma.sql`active <> 1`);
  if (query.flag) {
    // A column the database does not have is a flag nobody has set.
    if (!flags.includes(query.flag)) return Prisma.sql`WHERE 1 = 0`;
    parts.push(Prisma.sql`${Prisma.raw(flagColumn(query.flag))} = 1`);
  }
  if (query.expired === 'true') parts.push(EXPIRED);
  if (query.expired === 'false') parts.push(Prisma.sql`NOT ${EXPIRED}`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}

/**
 * ORDER BY for the page query. `filtered`: with a WHERE clause, walking the
 * username index in order would visit rows at random until enough match
 * (seconds on a rare match); CONCAT(username, '') sorts the same but makes the
 * server scan once and sort only the matches. `reversed` serves deep pages
 * from the other end.
 */
export function mailboxOrder(sort: SortField, order: 'asc' | 'desc', opts: { filtered?: boolean; reversed?: boolean } = {}): Prisma.Sql {
  const flip = opts.reversed ? (order === 'desc' ? 'asc' : 'desc') : order;
  const dir = flip === 'desc' ? 'DESC' : 'ASC';
  const key = sort === 'username' && opts.filtered ? "CONCAT(username, '')" : SORT_SQL[sort];
  // username is the key: it makes every page boundary stable.
  const tail = sort === 'username' ? '' : `, username ${dir}`;
  return Prisma.raw(`ORDER BY ${key} ${dir}${tail}`);
}

export type PageWindow = { offset: number; limit: number; reversed: boolean };

/**
 * Which rows to ask for. Past the middle of a large result, OFFSET from the
 * end in the opposite order is far cheaper (the server discards fewer rows);
 * the caller reverses what comes back.
 */
export function pageWindow(total: number | null, page: number, pageSize: number): PageWindow {
  const offset = (page - 1) * pageSize;
  if (total === null || offset <= total / 2) return { offset, limit: pageSize, reversed: false };
  const limit = Math.max(0, Math.min(pageSize, total - offset));
  return { offset: Math.max(0, total - offset - limit), limit, reversed: true };
}

function flagColumn(flag: DisableFlag): string {
  // Re-checked against the constant list: only these names may reach raw SQL.
  if (!(DISABLE_FLAGS as readonly string[]).includes(flag)) throw new Error(`unknown flag ${flag}`);
  return flag;
}

/** The list's column list: the fixed ones plus the flags this database has. */
export function mailboxListColumns(flags: readonly DisableFlag[]): Prisma.Sql {
  const cols = ['username', 'name', 'domain', 'active', 'quota', ...flags.map(flagColumn)];
  return Prisma.raw(`${cols.join(', ')}, CAST(createdate AS CHAR) AS createdate, CAST(expiredate AS CHAR) AS expiredate`);
}
