import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_CLASSES } from './generate-password';
import { checkPasswordStrength } from './password-strength';

describe('generatePassword', () => {
  it('is 16 characters by default and honours the length', () => {
    expect(generatePassword()).toHaveLength(16);
    expect(generatePassword(24)).toHaveLength(24);
    expect(generatePassword(8)).toHaveLength(8);
  });

  it('always has every class, and nothing ambiguous or shell-hostile', () => {
    for (let i = 0; i < 500; i++) {
      const pw = generatePassword(8);
      for (const cls of PASSWORD_CLASSES) expect([...pw].some((c) => cls.includes(c))).toBe(true);
      expect(pw).not.toMatch(/[0O1lI'"\\`$\s]/);
    }
  });

  it('does not repeat itself and uses the whole alphabet', () => {
    const many = Array.from({ length: 200 }, () => generatePassword());
    expect(new Set(many).size).toBe(200);
    const seen = new Set(many.join(''));
    expect(seen.size).toBe(PASSWORD_CLASSES.join('').length);
  });

  it('passes the strength policy it is meant for', () => {
    for (let i = 0; i < 50; i++) {
      const result = checkPasswordStrength(generatePassword(), { username: 'info@example.com' });
      expect(result.score).toBeGreaterThanOrEqual(3);
    }
  });

  it('rejects lengths that cannot hold every class or are absurd', () => {
    expect(() => generatePassword(3)).toThrow(RangeError);
    expect(() => generatePassword(10.5)).toThrow(RangeError);
    expect(() => generatePassword(10_000)).toThrow(RangeError);
  });
});
