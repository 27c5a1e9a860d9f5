import { randomBytes } from 'node:crypto';

/** The 64-character alphabet every crypt(3) scheme uses for salts and output. */
export const CRYPT_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A fresh salt of `length` crypt-alphabet characters.
 * 256 is a multiple of 64, so taking the low 6 bits of a random byte is unbiased.
 */
export function randomCryptSalt(length: number): string {
  const bytes = randomBytes(length);
  let salt = '';
  for (const byte of bytes) salt += CRYPT_ALPHABET[byte & 63];
  return salt;
}

/**
 * crypt(3)'s own base-64 encoding: little-endian groups of 6 bits, as md5-crypt
 * and sha-crypt emit their digests. `count` characters for the 24-bit `value`.
 */
export function cryptBase64(value: number, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) {
    out += CRYPT_ALPHABET[value & 63];
    value >>>= 6;
  }
  return out;
}
