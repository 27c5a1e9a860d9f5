import 'server-only';
import { createHash } from 'node:crypto';
import { extmailDb } from '@/lib/db';
import { parseExtmailDate, type ExtmailDate } from '@/lib/extman-tables/dates';
import { roleFromManagerType, type Role } from './principal';

// extman's `manager` table, as the login and the session check need it.

export type ManagerRecord = {
  username: string;
  passwordHash: string;
  role: Role;
  name: string;
  active: boolean;
  expires: ExtmailDate;
};

/**
 * One query, found or not: an unknown account and a known one cost the login
 * the same database work (domains are read only after the password matched).
 */
export async function findManagerForLogin(username: string): Promise<ManagerRecord | null> {
  const [row] = await extmailDb().$queryRaw<
    { username: string; password: string; type: string; name: string; active: number | bigint; expiredate: string | null }[]
  >`
    SELECT username, password, type, name, active, CAST(expiredate AS CHAR) AS expiredate FROM manager WHERE username = ${username}`;
  if (!row) return null;
  return {
    username: row.username,
    passwordHash: row.password,
    role: roleFromManagerType(row.type),
    name: row.name,
    active: Number(row.active) === 1,
    expires: parseExtmailDate(row.expiredate),
  };
}

export async function managerDomains(username: string): Promise<string[]> {
  const rows = await extmailDb().domainManager.findMany({ where: { username, active: 1 }, select: { domain: true } });
  return [...new Set(rows.map((r) => r.domain.toLowerCase()))].sort();
}

/**
 * A fingerprint of what must end a session when it changes: the password
 * hash, the active flag and the role. Stored with the session, compared on use.
 */
export function credentialStamp(m: { passwordHash: string; active: boolean; role: Role }): string {
  return createHash('sha256')
    .update(`${m.passwordHash}\0${m.active ? 1 : 0}\0${m.role}`)
    .digest('hex');
}

export async function currentCredentialStamp(username: string): Promise<string | null> {
  const row = await extmailDb().manager.findUnique({
    where: { username },
    select: { password: true, active: true, type: true },
  });
  if (!row) return null;
  return credentialStamp({ passwordHash: row.password, active: row.active === 1, role: roleFromManagerType(row.type) });
}
