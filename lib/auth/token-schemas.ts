import { z } from 'zod';
import { AppError } from '@/lib/errors';

// What the token API accepts; shared by the route, the Account page and the OpenAPI description.

export const TOKEN_SCOPES = ['read', 'act'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** Expiry choices the Account page offers; the API takes any whole number of days in range, or null (never). */
export const EXPIRY_CHOICES = [30, 90, 365, null] as const;

export const tokenCreateSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(100)
    .regex(/^[^\0-\x1f\x7f]+$/, 'one line of text'),
  scope: z.enum(TOKEN_SCOPES),
  expiresInDays: z.number().int().min(1).max(3650).nullable().default(90),
});
export type TokenCreateInput = z.infer<typeof tokenCreateSchema>;

export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  scope: TokenScope;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  state: 'active' | 'expired' | 'revoked';
};

/** The answer to a create: the token itself, this once. */
export type TokenCreated = { token: string; view: TokenView };

/** An {id} path segment: digits only; anything else names no token (404). */
export function tokenIdParam(value: string | string[] | undefined): bigint {
  if (typeof value !== 'string' || !/^[1-9]\d{0,17}$/.test(value)) throw new AppError('not_found', 'Token not found.');
  return BigInt(value);
}
