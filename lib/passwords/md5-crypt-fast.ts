import { CRYPT_ALPHABET, cryptBase64 } from '@/lib/auth/crypto/crypt-salt';
import { md5CryptSalt } from '@/lib/auth/crypto/md5-crypt';
import { md5Block, md5Into, MD5_IV } from './md5-block';
import { md5BlockPair } from './md5-block-pair';

const [IV0, IV1, IV2, IV3] = MD5_IV as unknown as [number, number, number, number];

// md5-crypt ($1$) for the sweep: the same algorithm as lib/auth/crypto/md5-crypt.ts
// (which the login keeps), computed over preallocated memory. A round's input
// is one of 8 layouts (odd/even round, salt or not, password or not), fixed
// for one candidate apart from the 16 digest bytes; so each layout is laid out
// and padded once per candidate, and a round writes the previous digest into
// its layout and compresses 1–2 blocks. Nothing is allocated per round.
// Candidates go two at a time where they can (md5-block-pair.ts).
// The tests pin it byte for byte against md5Crypt and openssl's vectors.

const ROUNDS = 1000;
const MAGIC = [0x24, 0x31, 0x24]; // "$1$"
// Which layout round i uses: bit 0 odd round, bit 1 salt (i % 3), bit 2 password (i % 7).
const KIND = Uint8Array.from({ length: ROUNDS }, (_, i) => (i & 1) | (i % 3 ? 2 : 0) | (i % 7 ? 4 : 0));
// The engine writes digests as words: on a big-endian machine, use md5Crypt.
export const FAST_MD5_CRYPT = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** One candidate's memory: its 8 round layouts and a scratch buffer for the first digests. */
class Lane {
  readonly h = new Int32Array(4);
  private alt = new Int32Array(4);
  cap = 0; // bytes per layout
  private bytes = new Uint8Array(0);
  words = new Int32Array(0);
  private scratch = new Uint8Array(0);
  private scratchWords = new Int32Array(0);
  private offset = new Int32Array(8); // where the digest goes in each layout
  readonly blocks = new Int32Array(8);

  private ensure(pwLen: number, saltLen: number): void {
    // The longest input: round digest + salt + password twice (layouts), or
    // password + magic + salt + alternate + length bits (the first digest).
    const need = (2 * pwLen + saltLen + 16 + 72 + 63) & ~63;
    if (need <= this.cap) return;
    this.cap = Math.max(need, 256);
    this.bytes = new Uint8Array(this.cap * 8);
    this.words = new Int32Array(this.bytes.buffer);
    this.scratch = new Uint8Array(this.cap + 64);
    this.scratchWords = new Int32Array(this.scratch.buffer);
  }

  /** The digest before the rounds into h, and the 8 layouts of this password, padded. */
  prepare(pw: Uint8Array, salt: Uint8Array): void {
    const { h } = this;
    const pl = pw.length;
    const sl = salt.length;
    this.ensure(pl, sl);
    const s = this.scratch;
    // alternate = md5(pw salt pw)
    s.set(pw, 0);
    s.set(salt, pl);
    s.set(pw, pl + sl);
    md5Into(h, s, this.scratchWords, 2 * pl + sl);
    const alt = this.alt;
    alt.set(h);
    // md5(pw "$1$" salt alternate-bytes… length-bits…)
    s.set(pw, 0);
    let n = pl;
    for (const m of MAGIC) s[n++] = m;
    s.set(salt, n);
    n += sl;
    for (let left = pl, k = 0; left > 0; left--, k = (k + 1) & 15) s[n++] = (alt[k >> 2]! >>> ((k & 3) * 8)) & 255;
    for (let bits = pl; bits > 0; bits >>>= 1) s[n++] = bits & 1 ? 0 : pw[0]!;
    md5Into(h, s, this.scratchWords, n);

    // Odd rounds: pw [salt] [pw] digest; even rounds: digest [salt] [pw] pw.
    const { bytes, words, cap, offset, blocks } = this;
    for (let kind = 0; kind < 8; kind++) {
      const base = kind * cap;
      const odd = kind & 1;
      let p = base;
      if (odd) {
        bytes.set(pw, p);
        p += pl;
      } else p += 16;
      if (kind & 2) {
        bytes.set(salt, p);
        p += sl;
      }
      if (kind & 4) {
        bytes.set(pw, p);
        p += pl;
      }
      if (odd) {
        offset[kind] = p - base;
        p += 16;
      } else {
        offset[kind] = 0;
        bytes.set(pw, p);
        p += pl;
      }
      const len = p - base;
      const padded = (len + 72) & ~63;
      bytes.fill(0, p, base + padded);
      bytes[p] = 0x80;
      words[((base + padded) >> 2) - 2] = len << 3;
      words[((base + padded) >> 2) - 1] = len >>> 29;
      blocks[kind] = padded >> 6;
    }
  }

  /** Puts the digest in h into layout `kind` and h back to MD5's start; returns the layout's first word. */
  load(kind: number): number {
    const { h, words } = this;
    const at = kind * this.cap + this.offset[kind]!;
    const d0 = h[0]!;
    const d1 = h[1]!;
    const d2 = h[2]!;
    const d3 = h[3]!;
    const q = at >> 2;
    const r = (at & 3) * 8;
    if (r === 0) {
      words[q] = d0;
      words[q + 1] = d1;
      words[q + 2] = d2;
      words[q + 3] = d3;
    } else {
      // 16 bytes across 5 words, keeping the layout's bytes on either side.
      const low = (1 << r) - 1;
      words[q] = (words[q]! & low) | (d0 << r);
      words[q + 1] = (d0 >>> (32 - r)) | (d1 << r);
      words[q + 2] = (d1 >>> (32 - r)) | (d2 << r);
      words[q + 3] = (d2 >>> (32 - r)) | (d3 << r);
      words[q + 4] = (words[q + 4]! & ~low) | (d3 >>> (32 - r));
    }
    h[0] = IV0;
    h[1] = IV1;
    h[2] = IV2;
    h[3] = IV3;
    return (kind * this.cap) >> 2;
  }
}

class Engine {
  private a = new Lane();
  private b = new Lane();

  /** The final md5-crypt digest of pw with salt, as 4 little-endian words in the returned (reused) array. */
  digest(pw: Uint8Array, salt: Uint8Array): Int32Array {
    const { a } = this;
    a.prepare(pw, salt);
    for (let i = 0; i < ROUNDS; i++) {
      const kind = KIND[i]!;
      const first = a.load(kind);
      const nb = a.blocks[kind]!;
      for (let k = 0; k < nb; k++) md5Block(a.h, a.words, first + k * 16);
    }
    return a.h;
  }

  /** Two candidates with the same salt at once (md5BlockPair); the digests land in the two returned arrays. */
  digestPair(pw1: Uint8Array, pw2: Uint8Array, salt: Uint8Array): [Int32Array, Int32Array] {
    const { a, b } = this;
    a.prepare(pw1, salt);
    b.prepare(pw2, salt);
    for (let i = 0; i < ROUNDS; i++) {
      const kind = KIND[i]!;
      const fa = a.load(kind);
      const fb = b.load(kind);
      const na = a.blocks[kind]!;
      const nb = b.blocks[kind]!;
      const both = na < nb ? na : nb;
      let k = 0;
      for (; k < both; k++) md5BlockPair(a.h, a.words, fa + k * 16, b.h, b.words, fb + k * 16);
      for (; k < na; k++) md5Block(a.h, a.words, fa + k * 16);
      for (; k < nb; k++) md5Block(b.h, b.words, fb + k * 16);
    }
    return [a.h, b.h];
  }
}

const engine = new Engine();
const utf8 = (s: string) => Buffer.from(s, 'utf8');
const byteAt = (h: Int32Array, i: number) => (h[i >> 2]! >>> ((i & 3) * 8)) & 255;

function encode(h: Int32Array): string {
  const b = (i: number) => byteAt(h, i);
  return (
    cryptBase64((b(0) << 16) | (b(6) << 8) | b(12), 4) +
    cryptBase64((b(1) << 16) | (b(7) << 8) | b(13), 4) +
    cryptBase64((b(2) << 16) | (b(8) << 8) | b(14), 4) +
    cryptBase64((b(3) << 16) | (b(9) << 8) | b(15), 4) +
    cryptBase64((b(4) << 16) | (b(10) << 8) | b(5), 4) +
    cryptBase64(b(11), 2)
  );
}

/** Same output as md5Crypt(password, saltOrHash), computed by the engine. */
export function md5CryptFast(password: string, saltOrHash: string): string {
  const saltText = md5CryptSalt(saltOrHash);
  return `$1$${saltText}$${encode(engine.digest(utf8(password), utf8(saltText)))}`;
}

// Where each byte of the digest sits in the 22 characters (the inverse of encode).
const GROUPS = [
  [0, 6, 12],
  [1, 7, 13],
  [2, 8, 14],
  [3, 9, 15],
  [4, 10, 5],
] as const;

function decode(text: string): Uint8Array {
  const v = (i: number) => CRYPT_ALPHABET.indexOf(text[i] ?? '');
  const out = new Uint8Array(16);
  for (let g = 0; g < 5; g++) {
    const value = v(g * 4) | (v(g * 4 + 1) << 6) | (v(g * 4 + 2) << 12) | (v(g * 4 + 3) << 18);
    const [hi, mid, lo] = GROUPS[g]!;
    out[hi] = (value >> 16) & 255;
    out[mid] = (value >> 8) & 255;
    out[lo] = value & 255;
  }
  out[11] = (v(20) | (v(21) << 6)) & 255;
  return out;
}

export type Md5CryptCheck = ((password: string) => boolean) & { pair(p1: string, p2: string): number };

/**
 * A checker for one stored `$1$salt$hash` (the payload detectScheme gives):
 * true exactly when verifyPassword would say ok, false for the empty password.
 * null when the value is not md5-crypt this engine can take (use verifyPassword).
 */
export function md5CryptVerifier(payload: string): Md5CryptCheck | null {
  if (!FAST_MD5_CRYPT || !payload.startsWith('$1$')) return null;
  const saltText = md5CryptSalt(payload);
  const hashText = payload.slice(3 + saltText.length + 1);
  if (payload !== `$1$${saltText}$${hashText}` || !/^[./0-9A-Za-z]{22}$/.test(hashText)) return null;
  const target = decode(hashText);
  const t = new Int32Array(target.buffer);
  // md5Crypt's output is always canonical: a stored text that is not (high bits
  // set in the last character) matches no password there, so none here either.
  if (encode(t) !== hashText) return Object.assign(() => false, { pair: () => 0 });
  const [t0, t1, t2, t3] = [t[0], t[1], t[2], t[3]];
  const salt = utf8(saltText);
  const same = (h: Int32Array) => h[0] === t0 && h[1] === t1 && h[2] === t2 && h[3] === t3;
  return Object.assign((password: string) => password.length > 0 && same(engine.digest(utf8(password), salt)), {
    /** Two candidates in one pass: bit 0 set when the first matches, bit 1 when the second does. */
    pair(p1: string, p2: string): number {
      if (p1.length === 0 || p2.length === 0)
        return (p1.length > 0 && same(engine.digest(utf8(p1), salt)) ? 1 : 0) | (p2.length > 0 && same(engine.digest(utf8(p2), salt)) ? 2 : 0);
      const [h1, h2] = engine.digestPair(utf8(p1), utf8(p2), salt);
      return (same(h1) ? 1 : 0) | (same(h2) ? 2 : 0);
    },
  });
}
