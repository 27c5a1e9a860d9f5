import { createHash } from 'node:crypto';
import { safeEqual } from './constant-time';
import { DIGEST_SCHEMES, type DigestEncoding, type DigestScheme } from './schemes';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Decode a stored digest the way Dovecot does: when the encoding is not forced,
 * a value exactly twice the raw digest size is hex, anything else base64.
 * Node's decoders skip bad characters silently, so shapes are checked first.
 */
export function decodeDigest(payload: string, size: number, encoding: DigestEncoding): Buffer | null {
  const asHex = encoding === 'hex' || (encoding === 'guess' && payload.length === size * 2 && HEX.test(payload));
  if (asHex) return HEX.test(payload) ? Buffer.from(payload, 'hex') : null;
  if (!BASE64.test(payload) || payload.length % 4 === 1) return null;
  return Buffer.from(payload, 'base64');
}

/** Check `plain` against a `{MD5}`/`{SHA}`/`{SSHA}`…/plain-md5 payload. */
export function verifyDigest(scheme: DigestScheme, plain: string, payload: string, encoding: DigestEncoding): boolean {
  const spec = DIGEST_SCHEMES[scheme];
  const raw = decodeDigest(payload, spec.size, encoding);
  if (!raw) return false;
  // Salted digests are <digest><salt>; unsalted ones are exactly the digest.
  if (spec.salted ? raw.length <= spec.size : raw.length !== spec.size) return false;
  const salt = raw.subarray(spec.size);
  const computed = createHash(spec.algorithm).update(plain, 'utf8').update(salt).digest();
  return safeEqual(computed, raw.subarray(0, spec.size));
}
