import { describe, expect, it } from 'vitest';
import { seal, unseal } from './seal';

const key = 'k'.repeat(40);

describe('seal', () => {
  it('round-trips and never contains the plain text', () => {
    const sealed = seal('-----BEGIN OPENSSH PRIVATE KEY-----', key);
    expect(sealed).not.toContain('PRIVATE');
    expect(unseal(sealed, key)).toBe('-----BEGIN OPENSSH PRIVATE KEY-----');
  });
  it('refuses a wrong key or a tampered value', () => {
    const sealed = seal('secret', key);
    expect(() => unseal(sealed, 'x'.repeat(40))).toThrow();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => unseal(parts.join('.'), key)).toThrow();
  });
});
