import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '@/lib/errors';
import { db } from '@/lib/db';
import { isExpired } from '@/lib/extman-tables/dates';
import { getSettings } from '@/lib/settings';
import { findManagerForLogin, managerDomains } from './managers';
import type { Principal } from './principal';
import type { TokenCreated, TokenCreateInput, TokenScope, TokenView } from './token-schemas';

// Personal API tokens. `mw_` + 32 random bytes, shown once; the table keeps
// the sha256 and the first characters. A token acts as its owner with the
// owner's current role and domains, read-only or not, until it expires, is
// revoked, or the owner's extman account is no longer active.

const TOKEN_RE = /^mw_[A-Za-z0-9_-]{43}$/;
const MAX_TOKENS = 50;
const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

type Row = Awaited<ReturnType<ReturnType<typeof db>['mwApiToken']['findFirstOrThrow']>>;

function view(r: Row, now = Date.now()): TokenView {
  return {
    id: r.id.toString(),
    name: r.name,
    prefix: r.prefix,
    scope: r.scope === 'act' ? 'act' : 'read',
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: r.lastUsedIp,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: r.revokedAt ? 'revoked' : r.expiresAt && r.expiresAt.getTime() <= now ? 'expired' : 'active',
  };
}

export async function listTokens(username: string): Promise<TokenView[]> {
  const rows = await db().mwApiToken.findMany({ where: { username }, orderBy: { id: 'desc' } });
  return rows.map((r) => view(r));
}

export async function createToken(username: string, input: TokenCreateInput): Promise<TokenCreated> {
  const live = await db().mwApiToken.count({ where: { username, revokedAt: null } });
  if (live >= MAX_TOKENS) throw new AppError('conflict', `At most ${MAX_TOKENS} tokens; revoke one first.`);
  const token = `mw_${randomBytes(32).toString('base64url')}`;
  const row = await db().mwApiToken.create({
    data: {
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
      username,
      name: input.name,
      scope: input.scope,
      expiresAt: input.expiresInDays === null ? null : new Date(Date.now() + input.expiresInDays * 86_400_000),
    },
  });
  return { token, view: view(row) };
}

/** Revokes one of the owner's tokens; null when there is no such token of his. */
export async function revokeToken(username: string, id: bigint): Promise<TokenView | null> {
  const row = await db().mwApiToken.findFirst({ where: { id, username } });
  if (!row) return null;
  if (row.revokedAt) return view(row);
  return view(await db().mwApiToken.update({ where: { id }, data: { revokedAt: new Date() } }));
}

export type TokenPrincipal = Principal & { tokenId: string; scope: TokenScope };

/** The principal behind a bearer token, or null when it is unknown, expired, revoked or its owner may not sign in. */
export async function resolveToken(token: string, clientIp: string): Promise<TokenPrincipal | null> {
  if (!TOKEN_RE.test(token)) return null;
  const row = await db().mwApiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  const now = Date.now();
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt.getTime() <= now)) return null;
  const manager = await findManagerForLogin(row.username);
  if (!manager || !manager.active) return null;
  if (isExpired(manager.expires) && (await getSettings()).enforceManagerExpiry) return null;
  // Like sessions: at most one write a minute, or when the address changes.
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000 || row.lastUsedIp !== clientIp) {
    await db().mwApiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now), lastUsedIp: clientIp.slice(0, 64) } });
  }
  return {
    username: manager.username,
    role: manager.role,
    domains: manager.role === 'admin' ? [] : await managerDomains(manager.username),
    sessionId: `token:${row.id}`,
    tokenId: row.id.toString(),
    scope: row.scope === 'act' ? 'act' : 'read',
  };
}
