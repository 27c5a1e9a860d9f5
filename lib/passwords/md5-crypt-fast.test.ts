import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '@/lib/auth/crypto';
import { md5Crypt } from '@/lib/auth/crypto/md5-crypt';
import { CRYPT_ALPHABET } from '@/lib/auth/crypto/crypt-salt';
import { FAST_MD5_CRYPT, md5CryptFast, md5CryptVerifier } from './md5-crypt-fast';

// `openssl passwd -1 -salt <salt> <password>` on this machine (OpenSSL 3, Debian 12).
const OPENSSL: [password: string, salt: string, hash: string][] = [
  ['extmail', 'saltsalt', '$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0'],
  ['P@ss w0rd', 'Ab.9/x', '$1$Ab.9/x$IH2rXq9NZ/D2MDn7TRn0T1'],
  ['info123', 'x', '$1$x$puxCMyoADRctVRj8UEkCC.'],
  ['123456', 'Mw1Test1', '$1$Mw1Test1$nSSgFBgBFCL/tm8Ih5yXj1'],
  // 15 and 16 bytes with an 8-byte salt: the longest round input fits one block, then needs two.
  ['0123456789abcde', '12345678', '$1$12345678$9x0FxZTRssUpnmYDFXv2G1'],
  ['0123456789abcdef', '12345678', '$1$12345678$QzvqVyjsfEisWRspy9tfx1'],
  ['a-password-that-is-longer-than-sixty-four-bytes-so-rounds-take-two-blocks-xx', 'abcdefgh', '$1$abcdefgh$U91vbiEGuNf9/zzPqYZVa0'],
];

const randomText = (n: number) => {
  const bytes = randomBytes(n);
  // Mostly ASCII, some CJK and one astral character, so UTF-8 lengths vary.
  return Array.from(bytes, (b) => (b < 200 ? String.fromCharCode(33 + (b % 94)) : b < 250 ? String.fromCharCode(0x4e00 + b) : '😀')).join('');
};
const randomSalt = (n: number) => Array.from(randomBytes(n), (b) => CRYPT_ALPHABET[b & 63]).join('');

describe('md5CryptFast', () => {
  it('runs on this machine (little-endian)', () => {
    expect(FAST_MD5_CRYPT).toBe(true);
  });

  it('gives openssl passwd -1’s hashes, including both sides of the one-block boundary', () => {
    for (const [password, salt, hash] of OPENSSL) expect(md5CryptFast(password, salt)).toBe(hash);
  });

  it('gives md5Crypt’s output byte for byte for every password length 0–200 and salt length 0–8', () => {
    for (let len = 0; len <= 200; len++) {
      const password = 'x'.repeat(len).replace(/x/g, (_, i: number) => String.fromCharCode(33 + ((i * 7 + len) % 94)));
      const salt = randomSalt(len % 9);
      expect(md5CryptFast(password, salt)).toBe(md5Crypt(password, salt));
    }
  });

  it('agrees with md5Crypt on random UTF-8 passwords and salts, Chinese ones too', () => {
    expect(md5CryptFast('管理员密码', '$1$zh8salt1$')).toBe('$1$zh8salt1$y/tki71eFWzzlIzaPQsFV/');
    for (let i = 0; i < 300; i++) {
      const password = randomText(1 + (i % 40));
      const salt = i % 5 === 0 ? `${randomText(3)}` : randomSalt(i % 9);
      expect(md5CryptFast(password, salt)).toBe(md5Crypt(password, salt));
    }
  });
});

describe('md5CryptVerifier', () => {
  it('says ok exactly when verifyPassword does', async () => {
    const stored = md5Crypt('info123', 'RpyMEokE');
    const check = md5CryptVerifier(stored)!;
    for (const candidate of ['info123', 'info1234', 'Info123', 'info12', '', '123456', 'info123 ']) {
      expect(check(candidate)).toBe((await verifyPassword(candidate, stored)).ok);
    }
    expect(check('info123')).toBe(true);
  });

  it('checks the lab’s stored hashes (openssl-made) for their passwords', () => {
    for (const [password, , hash] of OPENSSL) {
      expect(md5CryptVerifier(hash)!(password)).toBe(true);
      expect(md5CryptVerifier(hash)!(`${password}!`)).toBe(false);
    }
  });

  it('never matches a stored text md5Crypt cannot produce (high bits in the last character)', async () => {
    const good = md5Crypt('secret', 'saltsalt');
    const last = CRYPT_ALPHABET.indexOf(good.at(-1)!);
    const odd = good.slice(0, -1) + CRYPT_ALPHABET[last | 16];
    expect((await verifyPassword('secret', odd)).ok).toBe(false);
    expect(md5CryptVerifier(odd)!('secret')).toBe(false);
  });

  it('leaves what is not a $1$ hash to verifyPassword', () => {
    expect(md5CryptVerifier('$6$abc$def')).toBeNull();
    expect(md5CryptVerifier('$1$saltsalt$short')).toBeNull();
  });
});

describe('md5CryptVerifier pair', () => {
  it('answers for two candidates as the single checker does for each, whatever their lengths', () => {
    for (let i = 0; i < 120; i++) {
      const p1 = randomText(1 + (i % 37));
      const p2 = randomText(1 + ((i * 7) % 53));
      const salt = randomSalt(i % 9);
      for (const [stored, want] of [
        [md5Crypt(p1, salt), 1],
        [md5Crypt(p2, salt), 2],
        [md5Crypt(`${p1}${p2}`, salt), 0],
      ] as const) {
        const check = md5CryptVerifier(stored)!;
        expect(check.pair(p1, p2)).toBe(want | (p1 === p2 && want ? 3 : 0));
        expect(check(p1)).toBe(Boolean(check.pair(p1, p2) & 1));
      }
    }
  });
  it('matches both when both are the password, and neither for an empty one', () => {
    const check = md5CryptVerifier(md5Crypt('info123', 'RpyMEokE'))!;
    expect(check.pair('info123', 'info123')).toBe(3);
    expect(check.pair('', 'info123')).toBe(2);
    expect(check.pair('info123', '')).toBe(1);
    expect(check.pair('', '')).toBe(0);
  });
});
