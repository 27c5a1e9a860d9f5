import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords';
import { checkPasswordStrength, PASSWORD_REASON_TEXT } from './password-strength';

describe('checkPasswordStrength', () => {
  it('accepts a long mixed password with no personal parts', () => {
    const result = checkPasswordStrength('Tq7#vL9pZ2!m', { username: 'info@example.com' });
    expect(result).toMatchObject({ ok: true, reasons: [], messages: [] });
    expect(result.score).toBeGreaterThanOrEqual(3);
  });

  it('accepts a long passphrase without symbols or digits', () => {
    expect(checkPasswordStrength('violet harbour tractor lantern').ok).toBe(true);
  });

  it.each([
    ['', 'password.empty'],
    ['Tq7#vL9', 'password.tooShort'],
    ['password123', 'password.common'],
    ['Password123!', 'password.common'], // common word + decoration
    ['P@ssw0rd2024', 'password.common'], // leet-spelled
    ['Info@2024!!', 'password.common'], // the seed incident's cracked mailbox
    ['1qaz2wsx3edc', 'password.fewClasses'],
    ['aaaaaaaaaaaa', 'password.repetitive'],
    ['Abcdefghij1!', 'password.repetitive'],
    ['Qwertyuiop9$', 'password.repetitive'],
    ['lowercasejumble', 'password.fewClasses'],
  ])('%j → %s', (pw, reason) => {
    const result = checkPasswordStrength(pw);
    expect(result.ok).toBe(false);
    expect(result.reasons).toContain(reason);
    expect(result.messages).toContain(PASSWORD_REASON_TEXT[result.reasons[0]!]);
  });

  it('rejects the mailbox name and domain inside the password', () => {
    expect(checkPasswordStrength('Xx-Alice-2024!', { username: 'alice@example.com' }).reasons).toContain('password.containsUsername');
    expect(checkPasswordStrength('Example#2024xy', { username: 'alice@example.com' }).reasons).toContain('password.containsDomain');
    expect(checkPasswordStrength('Tq7#vL9pZ2!m', { username: 'alice@example.com' }).ok).toBe(true);
  });

  it('scores guessable passwords 0 and short-but-random ones low', () => {
    expect(checkPasswordStrength('Password123!').score).toBe(0);
    expect(checkPasswordStrength('Tq7#vL9').score).toBeLessThanOrEqual(1);
    expect(checkPasswordStrength('Tq7#vL9pZ2!mK8@wR4$n').score).toBe(4);
  });

  it('knows the passwords brute-forcers try first', () => {
    for (const pw of ['123456', 'password', 'info123', 'qwerty', '5201314', 'admin@123']) {
      expect(COMMON_PASSWORDS.has(pw)).toBe(true);
    }
    expect(COMMON_PASSWORDS.size).toBeGreaterThanOrEqual(190);
  });
});
