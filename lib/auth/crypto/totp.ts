import { HOTP, Secret, TOTP } from 'otpauth';
import { base32Decode } from './base32';

/**
 * RFC 6238 TOTP through `otpauth` (issue 21): HMAC-SHA-1, 6 digits,
 * 30-second steps — the only parameters every authenticator app honours.
 * What stays ours is policy: the tolerant reading of a pasted secret, the
 * window, and answering with the matched step so callers can refuse replays.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

const secretOf = (key: Buffer) => new Secret({ buffer: key.buffer.slice(key.byteOffset, key.byteOffset + key.length) as ArrayBuffer });

/** A new shared secret: 20 random bytes (RFC 4226's recommended length) in base32. */
export function generateTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The time step (RFC 6238's T) for a moment given in milliseconds. */
export function totpStep(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226 HOTP for a raw key and counter. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  return HOTP.generate({ secret: secretOf(key), algorithm: algorithm.toUpperCase(), digits, counter });
}

/** The code for a base32 secret at a given moment; throws on a malformed secret. */
export function totpCode(secret: string, nowMs: number = Date.now()): string {
  const key = base32Decode(secret);
  if (!key || key.length === 0) throw new Error('totp: secret is not base32');
  return TOTP.generate({ secret: secretOf(key), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: nowMs });
}

/**
 * Check a 6-digit code, accepting `window` steps either side for clock drift.
 * Returns the matched time step (callers store it and refuse that step or
 * older next time, so a code cannot be replayed), or null.
 */
export function verifyTotp(secret: string, code: string, options: { window?: number; now?: number } = {}): number | null {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const key = base32Decode(secret);
  if (!key || key.length === 0) return null;
  const now = options.now ?? Date.now();
  const window = Math.max(0, Math.floor(options.window ?? 1));
  const delta = TOTP.validate({ token, secret: secretOf(key), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS, timestamp: now, window });
  if (delta === null) return null;
  const step = totpStep(now) + delta;
  return step >= 0 ? step : null;
}

/** The otpauth:// URI that authenticator apps read from a QR code. */
export function totpUri(secret: string, account: string, issuer = 'Mailwarden'): string {
  const key = base32Decode(secret);
  if (!key || key.length === 0) throw new Error('totp: secret is not base32');
  return new TOTP({ issuer, label: account, secret: secretOf(key), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS }).toString();
}
