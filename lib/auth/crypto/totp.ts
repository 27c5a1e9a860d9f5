import { createHmac, randomBytes } from 'node:crypto';
import { safeEqual } from './constant-time';
import { base32Decode, base32Encode } from './base32';

/**
 * RFC 6238 TOTP on Node's crypto: HMAC-SHA-1, 6 digits, 30-second steps —
 * the only parameters every authenticator app honours.
 */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

/** A new shared secret: 20 random bytes (RFC 4226's recommended length) in base32. */
export function generateTotpSecret(): string {
  return base32Encode(randomBytes(20));
}

/** The time step (RFC 6238's T) for a moment given in milliseconds. */
export function totpStep(nowMs: number = Date.now()): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/** RFC 4226 HOTP with dynamic truncation, for a raw key and counter. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS, algorithm: TotpAlgorithm = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** The code for a base32 secret at a given moment; throws on a malformed secret. */
export function totpCode(secret: string, nowMs: number = Date.now()): string {
  const key = base32Decode(secret);
  if (!key || key.length === 0) throw new Error('totp: secret is not base32');
  return hotp(key, totpStep(nowMs));
}

/**
 * Check a 6-digit code, accepting `window` steps either side for clock drift.
 * Returns the matched time step (callers store it and refuse that step or
 * older next time, so a code cannot be replayed), or null.
 */
export function verifyTotp(secret: string, code: string, options: { window?: number; now?: number } = {}): number | null {
  const given = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(given)) return null;
  const key = base32Decode(secret);
  if (!key || key.length === 0) return null;
  const window = Math.max(0, Math.floor(options.window ?? 1));
  const current = totpStep(options.now ?? Date.now());
  let matched: number | null = null;
  // Look at every step in the window, without stopping early, so timing says nothing.
  for (let step = current - window; step <= current + window; step++) {
    if (step >= 0 && safeEqual(hotp(key, step), given) && matched === null) matched = step;
  }
  return matched;
}

/** The otpauth:// URI that authenticator apps read from a QR code. */
export function totpUri(secret: string, account: string, issuer = 'Mailwarden'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const params = new URLSearchParams({
    secret,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}
