import bcrypt from 'bcryptjs';
import { randomBytes } from 'node:crypto';
import { safeEqual } from './constant-time';
import { randomCryptSalt } from './crypt-salt';
import { desCrypt } from './des-crypt';
import { verifyDigest } from './digest-schemes';
import { md5Crypt } from './md5-crypt';
import { detectScheme, DIGEST_SCHEMES, type DigestEncoding, type DigestScheme, type Scheme } from './schemes';
import { newShaCrypt, shaCrypt } from './sha-crypt';

export type VerifyResult = { ok: boolean; scheme: Scheme };
export type HashScheme = 'md5-crypt' | 'sha256-crypt' | 'sha512-crypt';

const MAX_BCRYPT_COST = 15;

const isDigestScheme = (scheme: Scheme): scheme is DigestScheme => scheme in DIGEST_SCHEMES;

function check(plain: string, scheme: Scheme, payload: string, encoding: DigestEncoding): boolean {
  switch (scheme) {
    case 'md5-crypt':
      return safeEqual(md5Crypt(plain, payload), payload);
    case 'sha256-crypt':
    case 'sha512-crypt': {
      const computed = shaCrypt(plain, payload);
      return computed !== null && safeEqual(computed, payload);
    }
    case 'des-crypt':
      return safeEqual(desCrypt(plain, payload), payload);
    case 'blf-crypt':
      // A cost above 2^15 rounds would stall the login for seconds (a planted
      // hash could stall it for hours); nobody stores one. bcrypt reads 72 bytes at most.
      return Number(payload.slice(4, 6)) <= MAX_BCRYPT_COST && bcrypt.compareSync(plain, payload);
    case 'plain':
      return safeEqual(plain, payload);
    case 'empty':
    case 'unknown':
      return false;
    default:
      return isDigestScheme(scheme) && verifyDigest(scheme, plain, payload, encoding);
  }
}

/**
 * Check a password typed at login against the value stored in extmail's
 * `mailbox.password` / `manager.password`. The scheme is detected by shape;
 * an empty stored value or an empty password never matches.
 */
export async function verifyPassword(plain: string, stored: string): Promise<VerifyResult> {
  const { scheme, payload, encoding } = detectScheme(stored);
  if (plain.length === 0) return { ok: false, scheme };
  return { ok: check(plain, scheme, payload, encoding), scheme };
}

/**
 * Hash a new password. md5-crypt is the default because every reader of an
 * extmail database understands it: extman/extmail (Ext::Passwd treats any
 * unprefixed value as md5crypt), Courier authlib, and Dovecot even when its
 * default_pass_scheme is MD5-CRYPT. sha512-crypt is stronger but only Dovecot
 * with default_pass_scheme = CRYPT (or SHA512-CRYPT) and glibc-based readers
 * accept it bare; extman's own login cannot verify it.
 */
export async function hashPassword(plain: string, scheme: HashScheme = 'md5-crypt'): Promise<string> {
  if (plain.length === 0) throw new Error('hashPassword: empty password');
  if (scheme === 'md5-crypt') return md5Crypt(plain, randomCryptSalt(8));
  return newShaCrypt(plain, scheme === 'sha256-crypt' ? '5' : '6');
}

// A real md5-crypt hash of a password nobody knows, made once per process.
const DUMMY_HASH = md5Crypt(randomBytes(18).toString('base64'), randomCryptSalt(8));

/**
 * Spend the same work as verifying a password against `like` (a stored hash
 * of the same kind: same scheme, salt length and cost), or a real md5-crypt
 * hash, and fail. The login calls this for unknown users so response time
 * does not tell an attacker which accounts exist.
 */
export async function dummyVerify(plain = 'not-a-password', like: string = DUMMY_HASH): Promise<VerifyResult> {
  const { scheme } = await verifyPassword(plain.length > 0 ? plain : 'x', like);
  return { ok: false, scheme };
}
