import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateRecoveryCodes, hashRecoveryCode, normaliseRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('generates n distinct xxxx-xxxx-xxxx codes without look-alike characters', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}$/);
    expect(generateRecoveryCodes(3)).toHaveLength(3);
  });

  it('normalises what people type', () => {
    expect(normaliseRecoveryCode(' K7MQ-3xta pw9e ')).toBe('k7mq3xtapw9e');
    expect(normaliseRecoveryCode('k7mq_3xta_pw9e')).toBe('k7mq3xtapw9e');
  });

  it('hashes the normalised code as sha256 hex', () => {
    const expected = createHash('sha256').update('k7mq3xtapw9e').digest('hex');
    expect(hashRecoveryCode('k7mq-3xta-pw9e')).toBe(expected);
    expect(hashRecoveryCode('K7MQ 3XTA PW9E')).toBe(expected);
    expect(hashRecoveryCode('k7mq-3xta-pw9f')).not.toBe(expected);
  });
});
