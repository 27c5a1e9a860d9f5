import { describe, expect, it } from 'vitest';
import { md5Crypt, md5CryptSalt } from './md5-crypt';

describe('md5Crypt', () => {
  it('reproduces the upstream extman sample accounts (init.sql)', () => {
    expect(md5Crypt('extmail*123*', '$1$BrT9qxfB$')).toBe('$1$BrT9qxfB$Ha81Mb5YVV6rNKNN5jmtj1');
    expect(md5Crypt('extmail', '$1$phz1mRrj$')).toBe('$1$phz1mRrj$3ok6BjeaoJYWDBsEPZb5C0');
  });

  it('matches openssl passwd -1 and glibc crypt()', () => {
    // `openssl passwd -1 -salt saltsalt extmail`, `openssl passwd -1 -salt 'Ab.9/x' 'P@ss w0rd'`
    expect(md5Crypt('extmail', 'saltsalt')).toBe('$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0');
    expect(md5Crypt('P@ss w0rd', 'Ab.9/x')).toBe('$1$Ab.9/x$IH2rXq9NZ/D2MDn7TRn0T1');
    // perl -e 'print crypt("管理员密码", q($1$zh8salt1$))' — UTF-8 bytes, as Dovecot sees them
    expect(md5Crypt('管理员密码', '$1$zh8salt1$')).toBe('$1$zh8salt1$y/tki71eFWzzlIzaPQsFV/');
    // perl -e 'print crypt("", q($1$abc$))' — empty password, short salt
    expect(md5Crypt('', '$1$abc$')).toBe('$1$abc$Or2rbeUYTvt12aiVzMuS/.');
  });

  it('takes the salt from a full hash and cuts it at 8 characters', () => {
    expect(md5CryptSalt('$1$BrT9qxfB$Ha81Mb5YVV6rNKNN5jmtj1')).toBe('BrT9qxfB');
    expect(md5CryptSalt('$1$0123456789$x')).toBe('01234567');
    expect(md5CryptSalt('abc')).toBe('abc');
  });

  it('gives a different hash for a different password or salt', () => {
    const base = md5Crypt('extmail', 'saltsalt');
    expect(md5Crypt('extmail!', 'saltsalt')).not.toBe(base);
    expect(md5Crypt('extmail', 'saltsalU')).not.toBe(base);
  });
});
