import { describe, expect, it } from 'vitest';
import { MAX_SHA_CRYPT_ROUNDS, newShaCrypt, parseShaCrypt, shaCrypt } from './sha-crypt';

// Vectors made with glibc: perl -e 'print crypt($pw, $setting)' (Debian 12, libxcrypt).
const GLIBC: [string, string][] = [
  ['pw', '$6$abc$MtSdWSZbhct2oe.SOqOUM2M/GA/uj5.vyVtJgRHgKi9uqXuWuJqOYE7H/YlsYGVg/YYzDV0xt3fEIwYt580.5.'],
  ['pw', '$5$abc$/LKlXd6vuvdFX3oWbf2vGk3DgflzzsvOtMZsiOxqqY5'],
  ['pw', '$5$rounds=5000$abc$/LKlXd6vuvdFX3oWbf2vGk3DgflzzsvOtMZsiOxqqY5'],
  ['extmail', '$5$saltstring$gRxQYUCvyjvgc/WhZr3ALyhlmt2HVjQHtPYkfV/PVKC'],
  ['extmail', '$6$rounds=10000$Q2w.E3r/T4y5$0nrcKcTNvXTIxVth888Gam./hpsYPZqqvAtqgbvfNm5JfPX/kKeCRKY0jFj88upJT1W//DOmn9Vsq0drhl/eb0'],
  ['管理员密码', '$6$zhsalt$I.Phbuv.NOamHIMeVJOgdwQnD1uvWOhrx79p0Drea84BXMlNhXiRE2ZOdsvIVYL8AHBQ3OplRClI4WCKqFJwJ/'],
  [
    '密码测试密码测试密码测试密码测试密码测试密码测试密码测试密码测试', // > 64 bytes: exercises the stretch steps
    '$6$saltsaltsaltsalt$svgUKMvZXa9S6Gv9N9foWQX9aaQDtZJa1MQtkYcl3aict7OOayJzxvcvt9Thrm812YyCPEm2WaOlYHdvjemDF/',
  ],
];

describe('shaCrypt', () => {
  it.each(GLIBC)('recomputes glibc hash for %s → %s', (pw, hash) => {
    expect(shaCrypt(pw, hash)).toBe(hash);
  });

  it("matches the published vectors of Drepper's specification", () => {
    expect(shaCrypt('Hello world!', '$5$saltstring$' + 'x'.repeat(43))).toBe('$5$saltstring$5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5');
    expect(shaCrypt('Hello world!', '$6$saltstring$' + 'x'.repeat(86))).toBe(
      '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1',
    );
  });

  it('refuses rounds above the cap instead of computing them', () => {
    const hostile = `$6$rounds=${MAX_SHA_CRYPT_ROUNDS + 1}$abc$${'x'.repeat(86)}`;
    expect(parseShaCrypt(hostile)?.rounds).toBe(MAX_SHA_CRYPT_ROUNDS + 1);
    expect(shaCrypt('pw', hostile)).toBeNull();
  });

  it('rejects malformed values', () => {
    expect(parseShaCrypt('$6$abc$tooshort')).toBeNull();
    expect(parseShaCrypt('$5$abc$' + 'x'.repeat(86))).toBeNull();
    expect(parseShaCrypt('$7$abc$' + 'x'.repeat(43))).toBeNull();
  });

  it('makes new hashes with a 16-character salt that verify', () => {
    const a = newShaCrypt('extmail', '6');
    const b = newShaCrypt('extmail', '6');
    expect(a).toMatch(/^\$6\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{86}$/);
    expect(a).not.toBe(b);
    expect(shaCrypt('extmail', a)).toBe(a);
    expect(newShaCrypt('extmail', '5')).toMatch(/^\$5\$[./0-9A-Za-z]{16}\$[./0-9A-Za-z]{43}$/);
  });
});
