import { createHash } from 'node:crypto';
import { Prisma } from '@/lib/generated/prisma/client';
import type { ExtmailDb } from '@/lib/db';

// The one read of stored passwords outside lib/auth: mailboxes in username
// order after a cursor, so a sweep can stop anywhere and resume. The client
// is a parameter so the benchmark can point it at a scratch database.

export type StoredMailbox = { username: string; domain: string; stored: string; clearpwd: boolean };

export async function countMailboxes(client: ExtmailDb): Promise<number> {
  const [row] = await client.$queryRaw<{ n: bigint | number }[]>`SELECT COUNT(*) AS n FROM mailbox`;
  return Number(row?.n ?? 0);
}

export async function mailboxesAfter(client: ExtmailDb, cursor: string, limit: number, hasClearpwd: boolean): Promise<StoredMailbox[]> {
  const clear = hasClearpwd ? Prisma.sql`(clearpwd <> '')` : Prisma.sql`0`;
  const rows = await client.$queryRaw<{ username: string; domain: string; password: string; clear: number | bigint }[]>(
    Prisma.sql`SELECT username, domain, password, ${clear} AS clear FROM mailbox WHERE username > ${cursor} ORDER BY username LIMIT ${limit}`,
  );
  return rows.map((r) => ({ username: r.username, domain: r.domain, stored: r.password, clearpwd: Number(r.clear) === 1 }));
}

/** Current stored values of some mailboxes, as fingerprints only. */
export async function fingerprintsOf(client: ExtmailDb, usernames: string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) return new Map();
  const rows = await client.$queryRaw<{ username: string; password: string }[]>(
    Prisma.sql`SELECT username, password FROM mailbox WHERE username IN (${Prisma.join(usernames)})`,
  );
  return new Map(rows.map((r) => [r.username.toLowerCase(), fingerprint(r.password)]));
}

/** Enough to tell "changed since" and nothing to crack: 64 bits of SHA-256 over the stored value. */
export const fingerprint = (stored: string) => createHash('sha256').update(stored).digest('hex').slice(0, 16);
