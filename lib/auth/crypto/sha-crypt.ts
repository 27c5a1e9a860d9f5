import { createHash } from 'node:crypto';
import { cryptBase64, randomCryptSalt } from './crypt-salt';

/**
 * sha256-crypt ("$5$") and sha512-crypt ("$6$"), written from Ulrich Drepper's
 * specification (the one glibc implements). The npm package for it is
 * ESM-only without a `require` export (tsx scripts cannot load it) and
 * allocates an array per round; this is ~80 lines and pinned against glibc.
 */
type Variant = { id: '5' | '6'; algorithm: 'sha256' | 'sha512'; size: number; hashChars: number };
const VARIANTS: Record<'5' | '6', Variant> = {
  '5': { id: '5', algorithm: 'sha256', size: 32, hashChars: 43 },
  '6': { id: '6', algorithm: 'sha512', size: 64, hashChars: 86 },
};

const DEFAULT_ROUNDS = 5000;
const MIN_ROUNDS = 1000;
/**
 * glibc allows up to 999,999,999 rounds; a stored hash asking for more than
 * this is refused instead of pinning a CPU for minutes on every login.
 */
export const MAX_SHA_CRYPT_ROUNDS = 1_000_000;

export const SHA_CRYPT_PATTERN = /^\$([56])\$(?:rounds=(\d{1,9})\$)?([^$]{0,16})\$([./0-9A-Za-z]+)$/;

export type ShaCryptSetting = { variant: Variant; rounds: number; explicitRounds: boolean; salt: string };

/** Split `$6$[rounds=N$]salt$hash` into its setting; null if the shape is wrong. */
export function parseShaCrypt(stored: string): ShaCryptSetting | null {
  const m = SHA_CRYPT_PATTERN.exec(stored);
  if (!m) return null;
  const variant = VARIANTS[m[1] as '5' | '6'];
  if ((m[4] ?? '').length !== variant.hashChars) return null;
  const explicitRounds = m[2] !== undefined;
  // Same clamp as glibc, so a low or odd rounds value recomputes the same way.
  const rounds = explicitRounds ? Math.max(MIN_ROUNDS, Number(m[2])) : DEFAULT_ROUNDS;
  return { variant, rounds, explicitRounds, salt: m[3] ?? '' };
}

/** Byte `length` long: `block` repeated, the last copy cut short (steps 16 and 20 of the spec). */
function stretch(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let at = 0; at < length; at += block.length) block.copy(out, at, 0, Math.min(block.length, length - at));
  return out;
}

function digestOf(setting: ShaCryptSetting, pw: Buffer): Buffer {
  const { algorithm, size } = setting.variant;
  const salt = Buffer.from(setting.salt, 'utf8');
  const hash = () => createHash(algorithm);

  const b = hash().update(pw).update(salt).update(pw).digest();
  const a = hash().update(pw).update(salt);
  a.update(stretch(b, pw.length));
  for (let bits = pw.length; bits > 0; bits >>>= 1) a.update(bits & 1 ? b : pw);
  let c = a.digest();

  const dp = hash();
  for (let i = 0; i < pw.length; i++) dp.update(pw);
  const p = stretch(dp.digest(), pw.length);
  const ds = hash();
  for (let i = 0; i < 16 + (c[0] ?? 0); i++) ds.update(salt);
  const s = stretch(ds.digest(), salt.length);

  for (let i = 0; i < setting.rounds; i++) {
    const round = hash();
    round.update(i & 1 ? p : c);
    if (i % 3) round.update(s);
    if (i % 7) round.update(p);
    round.update(i & 1 ? c : p);
    c = round.digest();
  }
  if (c.length !== size) throw new Error('sha-crypt: unexpected digest size');
  return c;
}

/** The spec's byte shuffle before crypt-base64: triples rotate through the digest. */
function encode(variant: Variant, d: Buffer): string {
  const at = (i: number): number => d[i] ?? 0;
  const triple = (x: number, y: number, z: number) => cryptBase64((at(x) << 16) | (at(y) << 8) | at(z), 4);
  let out = '';
  if (variant.id === '6') {
    for (let i = 0; i < 21; i++) {
      const [x, y, z] = [i, i + 21, i + 42];
      out += i % 3 === 0 ? triple(x, y, z) : i % 3 === 1 ? triple(y, z, x) : triple(z, x, y);
    }
    return out + cryptBase64(at(63), 2);
  }
  for (let i = 0; i < 10; i++) {
    const [x, y, z] = [i, i + 10, i + 20];
    out += i % 3 === 0 ? triple(x, y, z) : i % 3 === 1 ? triple(z, x, y) : triple(y, z, x);
  }
  return out + cryptBase64((at(31) << 8) | at(30), 3);
}

function format(setting: ShaCryptSetting, password: string): string {
  const digest = digestOf(setting, Buffer.from(password, 'utf8'));
  const rounds = setting.explicitRounds ? `rounds=${setting.rounds}$` : '';
  return `$${setting.variant.id}$${rounds}${setting.salt}$${encode(setting.variant, digest)}`;
}

/** Recompute a stored hash for `password` with its own salt and rounds; null if not verifiable. */
export function shaCrypt(password: string, stored: string): string | null {
  const setting = parseShaCrypt(stored);
  if (!setting || setting.rounds > MAX_SHA_CRYPT_ROUNDS) return null;
  return format(setting, password);
}

/** A new hash with a fresh 16-character salt and glibc's default 5000 rounds. */
export function newShaCrypt(password: string, id: '5' | '6'): string {
  return format({ variant: VARIANTS[id], rounds: DEFAULT_ROUNDS, explicitRounds: false, salt: randomCryptSalt(16) }, password);
}
