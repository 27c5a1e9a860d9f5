import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from './base32';

describe('base32', () => {
  // RFC 4648 section 10 test vectors (without padding, as authenticator apps take them).
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j ↔ %s', (plain, encoded) => {
    expect(base32Encode(Buffer.from(plain))).toBe(encoded);
    expect(base32Decode(encoded)?.toString()).toBe(plain);
  });

  it('decodes what people paste: lower case, spaces, padding', () => {
    expect(base32Decode('mzxw 6ytb oi======')?.toString()).toBe('foobar');
  });

  it('refuses characters outside the alphabet', () => {
    expect(base32Decode('MZXW1')).toBeNull();
    expect(base32Decode('MZXW0')).toBeNull();
  });
});
