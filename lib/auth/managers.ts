import 'server-only';
import { createHash } from 'node:crypto';
import { extmailDb } from '@/lib/db';
import { parseExtmailDate, type ExtmailDate } from '@/lib/extmail/dates';
import { roleFromManagerType, type Role } from './principal';

// extman's `manager` table, as the login and the session check need it.

export type ManagerRecord = {
  username: string;
  passwordHash: string;
  role: Role;
  name: string;
  active: boolean;
  expires: ExtmailDate;
  domains: string[];
};

export async function findManagerForLogin(username: string): Promise<ManagerRecord | null> {
  const row = await extmailDb().manager.findUnique({
    where: { username },
    select: { username: true, password: true, type: true, name: true, active: true },
  });
  if (!row) return null;
  const [dates] = await extmailDb().$queryRaw<{ expiredate: string | null }[]>`
    SELECT CAST(expiredate AS CHAR) AS expiredate FROM manager WHERE username = ${username}`;
  const role = roleFromManagerType(row.type);
  return {
    username: row.username,
    passwordHash: row.password,
    role,
    name: row.name,
    active: row.active === 1,
    expires: parseExtmailDate(dates?.expiredate ?? null),
    domains: role === 'admin' ? [] : await managerDomains(row.username),
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
  return createHash('sha256').update(`${m.passwordHash}\0${m.active ? 1 : 0}\0${m.role}`).digest('hex');
}

export async function currentCredentialStamp(username: string): Promise<string | null> {
  const row = await extmailDb().manager.findUnique({
    where: { username },
    select: { password: true, active: true, type: true },
  });
  if (!row) return null;
  return credentialStamp({ passwordHash: row.password, active: row.active === 1, role: roleFromManagerType(row.type) });
}
