import { describe, expect, it } from 'vitest';
import { detectScheme } from './schemes';

describe('detectScheme', () => {
  it.each([
    ['$1$BrT9qxfB$Ha81Mb5YVV6rNKNN5jmtj1', 'md5-crypt'],
    ['$5$abc$/LKlXd6vuvdFX3oWbf2vGk3DgflzzsvOtMZsiOxqqY5', 'sha256-crypt'],
    ['$2b$05$abcdefghijklmnopqrstuuHIrMEWpUCQe2YqFR3sXwQ75u4od..9q', 'blf-crypt'],
    ['abgOeLfPimXQo', 'des-crypt'],
    ['3937db08f941b318032c3674eba6d992', 'plain-md5'],
    ['OTfbCPlBsxgDLDZ066bZkg==', 'ldap-md5'], // extman ldap-md5 data whose prefix was lost
    ['damqJL3RbmjHM1zU90hQZCDLJh8=', 'sha1'],
    ['{crypt}abgOeLfPimXQo', 'des-crypt'],
    ['{Md5}OTfbCPlBsxgDLDZ066bZkg==', 'ldap-md5'],
    ['{SSHA512.b64}abc', 'ssha512'],
    ['extmail', 'plain'],
    ['correct horse battery staple', 'plain'],
    ['', 'empty'],
  ])('%j → %s', (stored, scheme) => {
    expect(detectScheme(stored).scheme).toBe(scheme);
  });

  it.each([
    '$apr1$abc$3ufCbK0C1x4m0J2Kf9q6K0', // Apache md5, not crypt(3)
    '$y$j9T$abc$def', // yescrypt (Debian /etc/shadow)
    '$1$abc$short', // md5-crypt with a truncated hash
    '$6$abc$' + 'x'.repeat(40),
    '{CRYPT}not-a-crypt-value',
    '{MD5CRYPT}garbage',
    '{SHA512-CRYPT}$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0', // prefix and content disagree
    '{SHA.WEIRD}abc',
    '{PLAIN.HEX}65787478', // an encoded cleartext we do not decode
    '{CRAM-MD5}abc',
    '75a9aa24bdd16e68c7335cd4f748506420cb261f', // bare sha1 hex
  ])('treats %j as an unknown hash, never as cleartext', (stored) => {
    expect(detectScheme(stored).scheme).toBe('unknown');
  });

  it('strips the prefix and keeps a forced encoding', () => {
    expect(detectScheme('{SHA.HEX}75a9aa24bdd16e68c7335cd4f748506420cb261f')).toEqual({
      scheme: 'sha1',
      payload: '75a9aa24bdd16e68c7335cd4f748506420cb261f',
      encoding: 'hex',
    });
    expect(detectScheme('{MD5CRYPT}saltsalt$0SyC5PxdDs6sVTUYn3Riv0').payload).toBe('$1$saltsalt$0SyC5PxdDs6sVTUYn3Riv0');
  });
});
