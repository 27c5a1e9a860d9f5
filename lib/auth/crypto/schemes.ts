/**
 * Password storage schemes found in extmail/extman databases, and how to tell
 * them apart by shape. Sources: extman's Ext::Passwd (what it writes and how it
 * reads `{SCHEME}` prefixes), Dovecot's password schemes (the SASL side), and
 * Courier authlib ({MD5RAW}).
 */
export const SCHEMES = [
  'md5-crypt', // $1$salt$hash — extman's default (SYS_CRYPT_TYPE = md5crypt)
  'sha256-crypt', // $5$
  'sha512-crypt', // $6$
  'des-crypt', // 13 chars, 2-char salt — SYS_CRYPT_TYPE = crypt
  'blf-crypt', // $2a$/$2b$/$2y$ bcrypt, as Dovecot's BLF-CRYPT writes it
  'ldap-md5', // {MD5}base64(md5) — SYS_CRYPT_TYPE = ldap-md5
  'sha1', // {SHA}/{SHA1}base64(sha1) — SYS_CRYPT_TYPE = sha|sha1
  'sha256', // {SHA256}
  'sha512', // {SHA512}
  'smd5', // {SMD5} digest + salt
  'ssha', // {SSHA}
  'ssha256', // {SSHA256}
  'ssha512', // {SSHA512}
  'plain-md5', // 32 hex chars — SYS_CRYPT_TYPE = plain-md5 (also {PLAIN-MD5}, {MD5RAW})
  'plain', // cleartext — SYS_CRYPT_TYPE = plain|cleartext
  'empty', // nothing stored: never matches
  'unknown', // looks like a hash we cannot check: never matches
] as const;
export type Scheme = (typeof SCHEMES)[number];

/** The digest schemes, with their raw digest size, hash and whether a salt follows the digest. */
export const DIGEST_SCHEMES = {
  'ldap-md5': { algorithm: 'md5', size: 16, salted: false },
  'plain-md5': { algorithm: 'md5', size: 16, salted: false },
  sha1: { algorithm: 'sha1', size: 20, salted: false },
  sha256: { algorithm: 'sha256', size: 32, salted: false },
  sha512: { algorithm: 'sha512', size: 64, salted: false },
  smd5: { algorithm: 'md5', size: 16, salted: true },
  ssha: { algorithm: 'sha1', size: 20, salted: true },
  ssha256: { algorithm: 'sha256', size: 32, salted: true },
  ssha512: { algorithm: 'sha512', size: 64, salted: true },
} as const;
export type DigestScheme = keyof typeof DIGEST_SCHEMES;
export type DigestEncoding = 'hex' | 'base64' | 'guess';

export type Detected = {
  scheme: Scheme;
  /** The value to check against, with any `{SCHEME}` prefix removed. */
  payload: string;
  /** Forced by a `.hex`/`.b64` suffix on the prefix (Dovecot); else guessed from length. */
  encoding: DigestEncoding;
};

const MD5_CRYPT = /^\$1\$[^$]{0,8}\$[./0-9A-Za-z]{22}$/;
const SHA_CRYPT = /^\$[56]\$(?:rounds=\d{1,9}\$)?[^$]{0,16}\$[./0-9A-Za-z]{43,86}$/;
const BLF_CRYPT = /^\$2[abxy]\$\d{2}\$[./0-9A-Za-z]{53}$/;
const DES_CRYPT = /^[./0-9A-Za-z]{13}$/;
const HEX = (n: number) => new RegExp(`^[0-9a-fA-F]{${n}}$`);
// A bare base64 md5 or sha1 digest (24 chars "==", 28 chars "="): what
// extman's ldap-md5/sha would leave if a prefix got lost.
const BARE_B64_MD5 = /^[A-Za-z0-9+/]{22}==$/;
const BARE_B64_SHA1 = /^[A-Za-z0-9+/]{27}=$/;

function detectCrypt(value: string): Scheme | null {
  if (MD5_CRYPT.test(value)) return 'md5-crypt';
  if (SHA_CRYPT.test(value)) return value[1] === '5' ? 'sha256-crypt' : 'sha512-crypt';
  if (BLF_CRYPT.test(value)) return 'blf-crypt';
  if (DES_CRYPT.test(value)) return 'des-crypt';
  return null;
}

const PREFIXED: Record<string, Scheme> = {
  'MD5-CRYPT': 'md5-crypt',
  MD5CRYPT: 'md5-crypt',
  'SHA256-CRYPT': 'sha256-crypt',
  'SHA512-CRYPT': 'sha512-crypt',
  'BLF-CRYPT': 'blf-crypt',
  'LDAP-MD5': 'ldap-md5',
  'PLAIN-MD5': 'plain-md5',
  MD5RAW: 'plain-md5',
  SHA: 'sha1',
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
  SMD5: 'smd5',
  SSHA: 'ssha',
  SSHA256: 'ssha256',
  SSHA512: 'ssha512',
  PLAIN: 'plain',
  CLEARTEXT: 'plain',
};

function detectPrefixed(name: string, payload: string): Detected {
  const unknown: Detected = { scheme: 'unknown', payload, encoding: 'guess' };
  const [base = '', suffix, ...rest] = name.toUpperCase().split('.');
  if (rest.length > 0) return unknown;
  let encoding: DigestEncoding = 'guess';
  if (suffix === 'HEX') encoding = 'hex';
  else if (suffix === 'B64' || suffix === 'BASE64') encoding = 'base64';
  else if (suffix !== undefined) return unknown;

  if (base === 'CRYPT') {
    // {CRYPT} wraps whatever crypt(3) wrote.
    const scheme = detectCrypt(payload);
    return scheme ? { scheme, payload, encoding } : unknown;
  }
  if (base === 'MD5') {
    // extman and Courier read {MD5} as base64 md5; Dovecot also accepts md5-crypt there.
    if (payload.startsWith('$1$')) return MD5_CRYPT.test(payload) ? { scheme: 'md5-crypt', payload, encoding } : unknown;
    return { scheme: 'ldap-md5', payload, encoding };
  }
  const scheme = PREFIXED[base];
  if (!scheme) return unknown;
  if (scheme === 'md5-crypt') {
    // extman's verify prepends "$1$" when {MD5CRYPT} data lacks it.
    const full = payload.startsWith('$1$') ? payload : `$1$${payload}`;
    return MD5_CRYPT.test(full) ? { scheme, payload: full, encoding } : unknown;
  }
  if (scheme === 'sha256-crypt' || scheme === 'sha512-crypt' || scheme === 'blf-crypt') {
    return detectCrypt(payload) === scheme ? { scheme, payload, encoding } : unknown;
  }
  // Dovecot would decode {PLAIN.HEX}; nobody writes it, so refuse rather than guess.
  if (scheme === 'plain') return suffix === undefined ? { scheme, payload, encoding } : unknown;
  return { scheme, payload, encoding };
}

/**
 * What scheme a stored password value uses, judged by its shape alone.
 * A value without a prefix is cleartext only if it looks like no hash at all,
 * so a hash can never be "verified" by typing the hash itself as the password.
 */
export function detectScheme(stored: string): Detected {
  if (stored.length === 0) return { scheme: 'empty', payload: '', encoding: 'guess' };
  const prefix = /^\{([A-Za-z0-9.-]+)\}/.exec(stored);
  if (prefix) return detectPrefixed(prefix[1] ?? '', stored.slice(prefix[0].length));

  const crypt = detectCrypt(stored);
  if (crypt) return { scheme: crypt, payload: stored, encoding: 'guess' };
  if (HEX(32).test(stored)) return { scheme: 'plain-md5', payload: stored, encoding: 'hex' };
  if (BARE_B64_MD5.test(stored)) return { scheme: 'ldap-md5', payload: stored, encoding: 'base64' };
  if (BARE_B64_SHA1.test(stored)) return { scheme: 'sha1', payload: stored, encoding: 'base64' };
  if (looksLikeHash(stored)) return { scheme: 'unknown', payload: stored, encoding: 'guess' };
  return { scheme: 'plain', payload: stored, encoding: 'guess' };
}

/** Hash shapes we do not verify ($apr1$, $y$ yescrypt, $argon2…, {SCHEME}, hex digests). */
function looksLikeHash(value: string): boolean {
  return /^\$[0-9a-z]+\$/i.test(value) || /^\{[^}]*\}/.test(value) || /^[0-9a-fA-F]{40}$|^[0-9a-fA-F]{64}$|^[0-9a-fA-F]{128}$/.test(value);
}
