import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { md5Crypt } from './md5-crypt';
import { dummyVerify, hashPassword, verifyPassword } from './password-hash';

// md5Crypt wrapped in a spy (same behaviour) so a test can see dummyVerify use it.
vi.mock('./md5-crypt', async (importOriginal) => {
  const original = await importOriginal<typeof import('./md5-crypt')>();
  return { ...original, md5Crypt: vi.fn(original.md5Crypt) };
});

/**
 * Stored values for every scheme an extmail database may hold, with the
 * password that opens them. How each was made is noted beside it; all were
 * computed on Debian 12 when the test was written.
 */
const STORED: [scheme: string, password: string, stored: string][] = [
  // extman init.sql sample accounts
  ['md5-crypt', 'extmail*123*', '$1$BrT9qxfB$Ha81Mb5YVV6rNKNN5jmtj1'],
  ['md5-crypt', 'extmail', '$1$phz1mRrj$3ok6BjeaoJYWDBsEPZb5C0'],
  // openssl passwd -1 -salt saltsalt extmail, wrapped as extman/Dovecot prefixes it
  ['md5-crypt', 'extmail', '{CRYPT}$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0'],
  ['md5-crypt', 'extmail', '{MD5-CRYPT}$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0'],
  ['md5-crypt', 'extmail', '{MD5CRYPT}saltsalt$0SyC5PxdDs6sVTUYn3Riv0'], // extman prepends the missing $1$
  ['md5-crypt', 'extmail', '{MD5}$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0'], // Dovecot's MD5 alias
  // perl -e 'print crypt("test","ab")', crypt("extmail","Xy"), crypt("longerthan8chars","z9")
  ['des-crypt', 'test', 'abgOeLfPimXQo'],
  ['des-crypt', 'extmail', '{CRYPT}Xy/qwBZ5EsSg6'],
  ['des-crypt', 'longerthan8chars', 'z9r/FLULlUdX.'],
  // perl -e 'print crypt("extmail", q($5$saltstring$))' etc.
  ['sha256-crypt', 'extmail', '$5$saltstring$gRxQYUCvyjvgc/WhZr3ALyhlmt2HVjQHtPYkfV/PVKC'],
  ['sha512-crypt', '管理员密码', '$6$zhsalt$I.Phbuv.NOamHIMeVJOgdwQnD1uvWOhrx79p0Drea84BXMlNhXiRE2ZOdsvIVYL8AHBQ3OplRClI4WCKqFJwJ/'],
  [
    'sha512-crypt',
    'extmail',
    '{SHA512-CRYPT}$6$rounds=10000$Q2w.E3r/T4y5$0nrcKcTNvXTIxVth888Gam./hpsYPZqqvAtqgbvfNm5JfPX/kKeCRKY0jFj88upJT1W//DOmn9Vsq0drhl/eb0',
  ],
  // perl -e 'print crypt("extmail", q($2y$05$CCCCCCCCCCCCCCCCCCCCC.))' (libxcrypt bcrypt)
  ['blf-crypt', 'extmail', '{BLF-CRYPT}$2y$05$CCCCCCCCCCCCCCCCCCCCC.YttZJVchC04Iv.ZF6wEfe.zts/63SIa'],
  // printf extmail | openssl dgst -md5 -binary | base64
  ['ldap-md5', 'extmail', '{MD5}OTfbCPlBsxgDLDZ066bZkg=='],
  ['ldap-md5', 'extmail', '{LDAP-MD5}OTfbCPlBsxgDLDZ066bZkg=='],
  ['ldap-md5', 'secret pw', '{md5}cSTACMpn4EdRL4EgxHu4VA=='],
  // printf extmail | openssl dgst -sha1 -binary | base64 (extman writes sha1_base64 . '=')
  ['sha1', 'extmail', '{SHA}damqJL3RbmjHM1zU90hQZCDLJh8='],
  ['sha1', 'secret pw', '{SHA1}rS7uKHTXnyVCt9RR2Lh+fJ2k/DM='],
  // printf extmail | openssl dgst -sha1 (Dovecot also accepts hex)
  ['sha1', 'extmail', '{SHA.HEX}75a9aa24bdd16e68c7335cd4f748506420cb261f'],
  ['sha1', 'extmail', '{SHA}75a9aa24bdd16e68c7335cd4f748506420cb261f'],
  // printf extmail | openssl dgst -sha256 / -sha512 -binary | base64
  ['sha256', 'extmail', '{SHA256}ZKR7KfcqtYQ4EnsXgchLPgdt88YT19mbDRs7TNHciy8='],
  ['sha512', 'extmail', '{SHA512}SZY4lEvmyUJgMe96qWxNyW3FZeMtw5+P8cN3f7woA9CjD48qHLysPuKwi/kVgtzmpfez3N/UYVsfRHKsPjGbzw=='],
  // (printf extmail; printf SALT) | openssl dgst -X -binary, then the salt appended, | base64
  ['ssha', 'extmail', '{SSHA}RdpQYFoYOvUXwEohAmq3jhzxLPVzYWx0'],
  ['smd5', 'extmail', '{SMD5}wRmJwfxHfRrgEVqBO+2Jik5hQ2w='],
  ['ssha256', 'extmail', '{SSHA256}ntQFAyoY10doFHO8N/O+vmt5KE0O74i+q6lT5wo2JnpzYWx0'],
  ['ssha512', 'extmail', '{SSHA512}OLDcFAOw49t5hgv2LjMiKott4ZXVv9zKtiLfW843iHL4Z4VV4pMsTeA8EP1ESsgPIA6oCJIoqO4YEBFyKUpCM3NhbHQ='],
  // printf extmail | openssl dgst -md5 (SYS_CRYPT_TYPE = plain-md5; Courier's {MD5RAW})
  ['plain-md5', 'extmail', '3937db08f941b318032c3674eba6d992'],
  ['plain-md5', 'extmail', '{PLAIN-MD5}3937db08f941b318032c3674eba6d992'],
  ['plain-md5', 'secret pw', '{MD5RAW}7124c008ca67e047512f8120c47bb854'],
  // SYS_CRYPT_TYPE = plain / cleartext
  ['plain', 'extmail', 'extmail'],
  ['plain', 'extmail', '{PLAIN}extmail'],
  ['plain', 'Abcdefghijklm', '{CLEARTEXT}Abcdefghijklm'], // 13 chars: bare it would look like DES
];

describe('verifyPassword', () => {
  it.each(STORED)('%s: accepts the right password for %j', async (scheme, password, stored) => {
    expect(await verifyPassword(password, stored)).toEqual({ ok: true, scheme });
  });

  it.each(STORED)('%s: refuses a wrong password for %j', async (scheme, password, stored) => {
    const firstChanged = (password.startsWith('Z') ? 'Y' : 'Z') + password.slice(1);
    expect(await verifyPassword(firstChanged, stored)).toEqual({ ok: false, scheme });
    // DES crypt reads only 8 bytes, so only changes within them count there (next test).
    const significant = scheme === 'des-crypt' ? password.slice(0, 8) : password;
    expect(await verifyPassword(significant.slice(0, -1), stored)).toEqual({ ok: false, scheme });
    if (scheme !== 'des-crypt') expect(await verifyPassword(`${password}x`, stored)).toEqual({ ok: false, scheme });
  });

  it('des-crypt: only the first 8 bytes count, as in glibc', async () => {
    expect((await verifyPassword('longerthanXXXXXX', 'z9r/FLULlUdX.')).ok).toBe(true);
    expect((await verifyPassword('longerth', 'z9r/FLULlUdX.')).ok).toBe(true);
    expect((await verifyPassword('longert', 'z9r/FLULlUdX.')).ok).toBe(false);
  });

  it('never matches an empty stored value or an empty password', async () => {
    expect(await verifyPassword('', '')).toEqual({ ok: false, scheme: 'empty' });
    expect(await verifyPassword('x', '')).toEqual({ ok: false, scheme: 'empty' });
    expect(await verifyPassword('', '{PLAIN}')).toMatchObject({ ok: false });
    expect(await verifyPassword('', '$1$abc$Or2rbeUYTvt12aiVzMuS/.')).toMatchObject({ ok: false }); // crypt("", "$1$abc$")
  });

  it('does not accept a hash typed as the password', async () => {
    for (const [, , stored] of STORED.filter(([scheme]) => scheme !== 'plain')) {
      expect((await verifyPassword(stored, stored)).ok).toBe(false);
    }
  });

  it('never matches hash shapes it cannot check', async () => {
    const apr1 = '$apr1$abc$3ufCbK0C1x4m0J2Kf9q6K0';
    expect(await verifyPassword(apr1, apr1)).toEqual({ ok: false, scheme: 'unknown' });
    expect(await verifyPassword('x', '{CRAM-MD5}abc')).toEqual({ ok: false, scheme: 'unknown' });
    expect(await verifyPassword('{FOO}bar', '{FOO}bar')).toEqual({ ok: false, scheme: 'unknown' });
    // bcrypt with cost 31 would take days; refused without computing.
    const slow = '$2y$31$CCCCCCCCCCCCCCCCCCCCC.YttZJVchC04Iv.ZF6wEfe.zts/63SIa';
    expect(await verifyPassword('extmail', slow)).toEqual({ ok: false, scheme: 'blf-crypt' });
    const sha1hex = '75a9aa24bdd16e68c7335cd4f748506420cb261f';
    expect(await verifyPassword(sha1hex, sha1hex)).toEqual({ ok: false, scheme: 'unknown' });
  });
});

function glibcCrypt(password: string, setting: string): string {
  // Password and salt travel as environment variables: no shell, no quoting.
  return execFileSync('perl', ['-e', 'print crypt($ENV{MW_PW}, $ENV{MW_SALT})'], {
    env: { ...process.env, MW_PW: password, MW_SALT: setting },
    encoding: 'utf8',
  });
}

describe('hashPassword', () => {
  it.each(['md5-crypt', 'sha256-crypt', 'sha512-crypt'] as const)('%s round-trips and salts freshly', async (scheme) => {
    const a = await hashPassword('N3w-pass!word', scheme);
    const b = await hashPassword('N3w-pass!word', scheme);
    expect(a).not.toBe(b);
    expect(await verifyPassword('N3w-pass!word', a)).toEqual({ ok: true, scheme });
    expect((await verifyPassword('N3w-pass!wore', a)).ok).toBe(false);
  });

  it('defaults to md5-crypt with an 8-character crypt-alphabet salt', async () => {
    expect(await hashPassword('anything')).toMatch(/^\$1\$[./0-9A-Za-z]{8}\$[./0-9A-Za-z]{22}$/);
  });

  it('refuses to hash an empty password', async () => {
    await expect(hashPassword('')).rejects.toThrow();
  });

  it.each(['md5-crypt', 'sha512-crypt'] as const)('%s hashes are what glibc crypt() (Dovecot, Postfix SASL) computes', async (scheme) => {
    for (const pw of ['extmail', 'Pa$$ "w\\rd\' `x`', '邮箱密码2024']) {
      const hash = await hashPassword(pw, scheme);
      expect(glibcCrypt(pw, hash)).toBe(hash);
    }
  });
});

describe('dummyVerify', () => {
  it('always fails, whatever the password', async () => {
    expect((await dummyVerify('extmail')).ok).toBe(false);
    expect((await dummyVerify('')).ok).toBe(false);
  });

  // Timing is a property for benchmarks, not unit tests (CI machines are noisy):
  // here we pin that the dummy does the same work, a real md5-crypt verify.
  it('runs a real md5-crypt verification, like a known user with a wrong password', async () => {
    vi.mocked(md5Crypt).mockClear();
    await dummyVerify('wrong');
    expect(vi.mocked(md5Crypt)).toHaveBeenCalledTimes(1);
  });
});
