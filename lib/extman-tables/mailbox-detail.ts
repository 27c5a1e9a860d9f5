import { Prisma } from '@/lib/generated/prisma/client';
import { canAccessAddress, canAccessDomain } from '@/lib/auth/principal';
import { DISABLE_FLAGS, type DisableFlag, type MailboxDetail } from '@/lib/mailboxes/schemas';
import { columnsOf, pickPresent, type ExtmailClient } from './mailbox-client';
import { flagValue, toRow } from './mailbox-list';
import { escapeLike, type Scope } from './mailbox-sql';

// One mailbox with everything the page explains: its row, its domain's own
// switches, and the aliases that deliver to it. A mailbox outside the
// principal's domains is reported exactly like one that does not exist.

type Num = number | bigint;
type Flags = Partial<Record<DisableFlag, Num | null>>;

const BASE = ['username', 'uid', 'name', 'maildir', 'homedir', 'quota', 'netdiskquota', 'domain', 'uidnumber', 'gidnumber', 'active'] as const;
const OPTIONAL = ['mailhost', 'clearpwd', 'disablepwdchange', ...DISABLE_FLAGS] as const;

type DetailRow = Record<(typeof BASE)[number], string> & {
  uidnumber: Num;
  gidnumber: Num;
  active: Num;
  mailhost?: string;
  clearpwd?: Num;
  disablepwdchange?: Num | null;
  createdate: string | null;
  expiredate: string | null;
} & Flags;

export async function findMailbox(client: ExtmailClient, scope: Scope, username: string, now = new Date()): Promise<MailboxDetail | null> {
  if (!canAccessAddress(scope, username)) return null;
  const present = await columnsOf(client, 'mailbox');
  const optional = pickPresent(OPTIONAL, present);
  // clearpwd is only tested for being non-empty; its value never leaves this query.
  const cols = [...BASE, ...optional.map((c) => (c === 'clearpwd' ? "(clearpwd <> '') AS clearpwd" : c))];
  const [row] = await client.$queryRaw<DetailRow[]>(
    Prisma.sql`SELECT ${Prisma.raw(cols.join(', '))}, CAST(createdate AS CHAR) AS createdate, CAST(expiredate AS CHAR) AS expiredate
      FROM mailbox WHERE username = ${username}`,
  );
  if (!row || !canAccessDomain(scope, row.domain)) return null;
  const flags = pickPresent(DISABLE_FLAGS, present);
  const [domainInfo, aliases] = await Promise.all([findDomain(client, row.domain), aliasesTo(client, scope, row.username)]);
  return {
    ...toRow(row, flags, now),
    uid: row.uid,
    maildir: row.maildir,
    homedir: row.homedir,
    mailhost: optional.includes('mailhost') ? (row.mailhost ?? '') : null,
    netdiskquota: row.netdiskquota,
    uidnumber: Number(row.uidnumber),
    gidnumber: Number(row.gidnumber),
    disablepwdchange: flagValue(row.disablepwdchange),
    clearpwdStored: optional.includes('clearpwd') ? Number(row.clearpwd) === 1 : null,
    columns: { clearpwd: optional.includes('clearpwd'), mailhost: optional.includes('mailhost'), flags },
    domainInfo,
    aliases,
  };
}

async function findDomain(client: ExtmailClient, domain: string): Promise<MailboxDetail['domainInfo']> {
  const flags = pickPresent(DISABLE_FLAGS, await columnsOf(client, 'domain'));
  const cols = ['domain', 'description', 'active', ...flags].join(', ');
  const [row] = await client.$queryRaw<({ domain: string; description: string; active: Num } & Flags)[]>(
    Prisma.sql`SELECT ${Prisma.raw(cols)} FROM domain WHERE domain = ${domain}`,
  );
  if (!row) return null;
  return {
    domain: row.domain,
    description: row.description,
    active: Number(row.active) === 1,
    flags: Object.fromEntries(flags.map((f) => [f, flagValue(row[f])])),
  };
}

/** Aliases whose comma-separated goto list names this address (LIKE narrows, the split decides). */
async function aliasesTo(client: ExtmailClient, scope: Scope, username: string): Promise<MailboxDetail['aliases']> {
  const rows = await client.$queryRaw<{ address: string; goto: string; active: Num }[]>(
    Prisma.sql`SELECT address, goto, active FROM alias WHERE goto LIKE ${`%${escapeLike(username)}%`} ORDER BY address`,
  );
  const target = username.toLowerCase();
  return rows
    .map((r) => ({ address: r.address, active: Number(r.active) === 1, goto: splitGoto(r.goto) }))
    .filter((a) => a.goto.some((g) => g.toLowerCase() === target) && canAccessAddress(scope, a.address));
}

export function splitGoto(goto: string): string[] {
  return goto
    .split(/[,\s]+/)
    .map((g) => g.trim())
    .filter(Boolean);
}
