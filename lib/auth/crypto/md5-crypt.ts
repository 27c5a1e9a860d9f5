import { createHash } from 'node:crypto';
import { cryptBase64 } from './crypt-salt';

/**
 * md5-crypt ("$1$", Poul-Henning Kamp's FreeBSD scheme), written from the
 * algorithm description rather than taken from npm: the packages on offer hash
 * the password as Latin-1 code units, which breaks Chinese passwords, while
 * glibc/Dovecot/Courier hash the UTF-8 bytes. Pinned in the tests against
 * upstream extman samples and glibc crypt().
 */
const MAGIC = Buffer.from('$1$');
const ROUNDS = 1000;

/** The salt part of `$1$salt$hash` (or a bare salt): up to 8 bytes, stopping at '$'. */
export function md5CryptSalt(saltOrHash: string): string {
  const body = saltOrHash.startsWith('$1$') ? saltOrHash.slice(3) : saltOrHash;
  const end = body.indexOf('$');
  return (end === -1 ? body : body.slice(0, end)).slice(0, 8);
}

const md5 = (...parts: Buffer[]): Buffer => {
  const h = createHash('md5');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** `$1$<salt>$<22 chars>` for `password`, with the salt taken from `saltOrHash`. */
export function md5Crypt(password: string | Buffer, saltOrHash: string): string {
  const pw = typeof password === 'string' ? Buffer.from(password, 'utf8') : password;
  const saltText = md5CryptSalt(saltOrHash);
  const salt = Buffer.from(saltText, 'utf8');

  const alternate = md5(pw, salt, pw);
  const ctx = createHash('md5');
  ctx.update(pw);
  ctx.update(MAGIC);
  ctx.update(salt);
  // One copy of the alternate digest per 16 bytes of password, the last one cut short.
  for (let left = pw.length; left > 0; left -= 16) {
    ctx.update(alternate.subarray(0, Math.min(16, left)));
  }
  // The original's famous oddity: for each bit of the length, a NUL byte when the
  // bit is set, otherwise the password's first byte. Kept as is for compatibility.
  const first = pw.subarray(0, 1);
  const nul = Buffer.alloc(1);
  for (let bits = pw.length; bits > 0; bits >>>= 1) ctx.update(bits & 1 ? nul : first);
  let digest = ctx.digest();

  // 1000 rounds, meant to slow down brute force (by 1990s standards).
  for (let i = 0; i < ROUNDS; i++) {
    const round = createHash('md5');
    round.update(i & 1 ? pw : digest);
    if (i % 3) round.update(salt);
    if (i % 7) round.update(pw);
    round.update(i & 1 ? digest : pw);
    digest = round.digest();
  }

  const b = (i: number): number => digest[i] ?? 0;
  const encoded =
    cryptBase64((b(0) << 16) | (b(6) << 8) | b(12), 4) +
    cryptBase64((b(1) << 16) | (b(7) << 8) | b(13), 4) +
    cryptBase64((b(2) << 16) | (b(8) << 8) | b(14), 4) +
    cryptBase64((b(3) << 16) | (b(9) << 8) | b(15), 4) +
    cryptBase64((b(4) << 16) | (b(10) << 8) | b(5), 4) +
    cryptBase64(b(11), 2);
  return `$1$${saltText}$${encoded}`;
}
