import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db';
import { env } from '@/lib/env';
import { currentCredentialStamp, managerDomains } from './managers';
import type { Principal, Role } from './principal';

// Server-side sessions: the cookie holds a random token, the table holds its
// sha256, so a leaked table cannot be replayed as cookies.

export const SESSION_COOKIE = 'mw_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(input: {
  username: string;
  role: Role;
  credentialStamp: string;
  secondFactorOk: boolean;
  clientIp: string;
  userAgent: string;
}): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + env().MW_SESSION_MAX_HOURS * 3600_000);
  await db().mwSession.create({
    data: {
      id: hashToken(token),
      username: input.username,
      role: input.role,
      credentialStamp: input.credentialStamp,
      secondFactorOk: input.secondFactorOk,
      clientIp: input.clientIp.slice(0, 64),
      userAgent: input.userAgent.slice(0, 255),
      expiresAt,
    },
  });
  return { token, expiresAt };
}

/**
 * The principal behind a cookie token, or null when the session is unknown,
 * idle too long, past its absolute limit, or the manager's password, active
 * flag or role changed since sign-in.
 */
export async function resolveSession(token: string | undefined): Promise<Principal | null> {
  if (!token || token.length > 100) return null;
  const id = hashToken(token);
  const session = await db().mwSession.findUnique({ where: { id } });
  if (!session) return null;
  const now = Date.now();
  const idleLimit = session.lastSeenAt.getTime() + env().MW_SESSION_IDLE_MINUTES * 60_000;
  const stamp = await currentCredentialStamp(session.username);
  if (now > session.expiresAt.getTime() || now > idleLimit || stamp !== session.credentialStamp) {
    await db().mwSession.deleteMany({ where: { id } });
    return null;
  }
  // Touch at most once a minute: reads should not each cost a write.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await db().mwSession.update({ where: { id }, data: { lastSeenAt: new Date(now) } });
  }
  const role = session.role === 'admin' ? 'admin' : 'postmaster';
  return {
    username: session.username,
    role,
    domains: role === 'admin' ? [] : await managerDomains(session.username),
    sessionId: id,
  };
}

export async function destroySession(token: string | undefined): Promise<void> {
  if (!token) return;
  await db().mwSession.deleteMany({ where: { id: hashToken(token) } });
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean) {
  return {
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    expires: expiresAt,
  };
}
