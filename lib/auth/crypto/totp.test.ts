import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32';
import { generateTotpSecret, hotp, totpCode, totpUri, verifyTotp } from './totp';

const SEED_SHA1 = Buffer.from('12345678901234567890');
const SEED_SHA256 = Buffer.from('12345678901234567890123456789012');
const SEED_SHA512 = Buffer.from('1234567890'.repeat(6) + '1234');

// RFC 6238 Appendix B: Unix time → 8-digit TOTP per algorithm.
const RFC6238: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('hotp / totp', () => {
  it('matches RFC 4226 Appendix D', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(SEED_SHA1, counter))).toEqual(expected);
  });

  it.each(RFC6238)('matches RFC 6238 Appendix B at T=%i', (time, sha1, sha256, sha512) => {
    const step = Math.floor(time / 30);
    expect(hotp(SEED_SHA1, step, 8)).toBe(sha1);
    expect(hotp(SEED_SHA256, step, 8, 'sha256')).toBe(sha256);
    expect(hotp(SEED_SHA512, step, 8, 'sha512')).toBe(sha512);
    // The 6-digit code apps show is the same number modulo 10^6.
    expect(totpCode(base32Encode(SEED_SHA1), time * 1000)).toBe(sha1.slice(2));
  });
});

describe('verifyTotp', () => {
  const secret = base32Encode(SEED_SHA1);
  const at = 1111111111 * 1000; // step 37037037, code 050471

  it('returns the matched time step', () => {
    expect(verifyTotp(secret, '050471', { now: at })).toBe(37037037);
    expect(verifyTotp(secret, '050 471', { now: at })).toBe(37037037);
  });

  it('accepts the neighbouring steps within the window, and no further', () => {
    expect(verifyTotp(secret, '050471', { now: at + 30_000 })).toBe(37037037);
    expect(verifyTotp(secret, '050471', { now: at - 30_000 })).toBe(37037037);
    expect(verifyTotp(secret, '050471', { now: at + 60_000 })).toBeNull();
    expect(verifyTotp(secret, '050471', { now: at + 30_000, window: 0 })).toBeNull();
    expect(verifyTotp(secret, '050471', { now: at + 60_000, window: 2 })).toBe(37037037);
  });

  it('refuses wrong, malformed or 8-digit codes and bad secrets', () => {
    expect(verifyTotp(secret, '050472', { now: at })).toBeNull();
    expect(verifyTotp(secret, '14050471', { now: at })).toBeNull();
    expect(verifyTotp(secret, '05047a', { now: at })).toBeNull();
    expect(verifyTotp('not base32!', '050471', { now: at })).toBeNull();
    expect(verifyTotp('', '050471', { now: at })).toBeNull();
  });

  it('works with fresh secrets of 20 random bytes', () => {
    const fresh = generateTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    expect(base32Decode(fresh)).toHaveLength(20);
    expect(generateTotpSecret()).not.toBe(fresh);
    const now = Date.now();
    expect(verifyTotp(fresh, totpCode(fresh, now), { now })).toBe(Math.floor(now / 30_000));
  });
});

describe('totpUri', () => {
  it('builds an otpauth URI with issuer in label and parameters', () => {
    const uri = new URL(totpUri('JBSWY3DPEHPK3PXP', 'root@extmail.org'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Mailwarden:root@extmail.org');
    expect(Object.fromEntries(uri.searchParams)).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'Mailwarden',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });

  it('escapes a colon or space in the account and issuer', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'a:b c', 'Mail Warden');
    expect(uri.startsWith('otpauth://totp/Mail%20Warden:a%3Ab%20c?')).toBe(true);
  });
});
