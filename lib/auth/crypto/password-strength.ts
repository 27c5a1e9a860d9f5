import { COMMON_PASSWORDS } from './common-passwords';

export const MIN_PASSWORD_LENGTH = 10;
/** Long passphrases may skip the character-class rule. */
const PASSPHRASE_LENGTH = 16;

export type PasswordReason =
  | 'password.empty'
  | 'password.tooShort'
  | 'password.common'
  | 'password.containsUsername'
  | 'password.containsDomain'
  | 'password.repetitive'
  | 'password.fewClasses';

export const PASSWORD_REASON_TEXT: Record<PasswordReason, string> = {
  'password.empty': 'Enter a password.',
  'password.tooShort': `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  'password.common': 'This is (or is built on) one of the most common passwords.',
  'password.containsUsername': 'Do not use the mailbox name in the password.',
  'password.containsDomain': 'Do not use the domain name in the password.',
  'password.repetitive': 'Avoid repeated characters and simple sequences.',
  'password.fewClasses': 'Mix at least three of: upper case, lower case, digits, symbols.',
};

export type PasswordStrength = {
  ok: boolean;
  /** 0 (trivial) to 4 (strong), for a meter. */
  score: 0 | 1 | 2 | 3 | 4;
  /** Message keys for the i18n catalogue, in the order found. */
  reasons: PasswordReason[];
  /** English text for each reason, same order. */
  messages: string[];
};

const LEET: Record<string, string> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', $: 's', '5': 's', '7': 't' };
const unLeet = (s: string): string => s.replace(/[@431!0$57]/g, (c) => LEET[c] ?? c);
const stripTail = (s: string): string => s.replace(/[\d\W_]+$/, '');

/** Common outright, or a common word with digits/symbols tacked on, or leet-spelled. */
function isCommon(lower: string): boolean {
  const forms = [lower, unLeet(lower), stripTail(lower), stripTail(unLeet(lower))];
  return forms.some((f) => f.length >= 4 && COMMON_PASSWORDS.has(f));
}

function isRepetitive(pw: string): boolean {
  if (new Set(pw).size < 4) return true;
  // No keyboard row is longer than 26, so longer passwords cannot be 70% one run.
  if (Math.ceil(pw.length * 0.7) > 26) return false;
  // A run like abcdefgh / 98765432 / qwertyui covering most of the password.
  const rows = ['abcdefghijklmnopqrstuvwxyz', '01234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
  const lower = pw.toLowerCase();
  return rows.some((row) => {
    const both = [row, [...row].reverse().join('')];
    return both.some((r) => {
      for (let len = lower.length; len >= Math.max(6, Math.ceil(lower.length * 0.7)); len--) {
        for (let at = 0; at + len <= lower.length; at++) if (r.includes(lower.slice(at, at + len))) return true;
      }
      return false;
    });
  });
}

function classesOf(pw: string): { count: number; pool: number } {
  const checks: [RegExp, number][] = [
    [/[a-z]/, 26],
    [/[A-Z]/, 26],
    [/\d/, 10],
    [/[^a-zA-Z\d]/, 33],
  ];
  let count = 0;
  let pool = 0;
  for (const [re, size] of checks)
    if (re.test(pw)) {
      count++;
      pool += size;
    }
  return { count, pool };
}

/** Crude entropy bound (length × log2 pool), mapped to 0-4. */
function entropyScore(pw: string, pool: number): 0 | 1 | 2 | 3 | 4 {
  const bits = [...pw].length * Math.log2(Math.max(pool, 2));
  if (bits < 28) return 0;
  if (bits < 40) return 1;
  if (bits < 60) return 2;
  if (bits < 80) return 3;
  return 4;
}

/**
 * Policy check for a new mailbox or manager password. Deliberately simple and
 * explainable: length, a list of the passwords brute-forcers try first, the
 * account's own name, repetition, and character variety.
 */
export function checkPasswordStrength(pw: string, context: { username?: string } = {}): PasswordStrength {
  const reasons: PasswordReason[] = [];
  const lower = pw.toLowerCase();
  const { count, pool } = classesOf(pw);
  let score = entropyScore(pw, pool);

  if (pw.length === 0) reasons.push('password.empty');
  else if ([...pw].length < MIN_PASSWORD_LENGTH) reasons.push('password.tooShort');
  if (isCommon(lower)) reasons.push('password.common');

  const [local = '', domain = ''] = (context.username ?? '').toLowerCase().split('@');
  if (local.length >= 3 && lower.includes(local)) reasons.push('password.containsUsername');
  const label = domain.split('.')[0] ?? '';
  if (label.length >= 4 && lower.includes(label)) reasons.push('password.containsDomain');

  if (pw.length > 0 && isRepetitive(pw)) reasons.push('password.repetitive');
  if (pw.length > 0 && count < 3 && [...pw].length < PASSPHRASE_LENGTH) reasons.push('password.fewClasses');

  const guessable = reasons.some((r) => r !== 'password.fewClasses' && r !== 'password.tooShort');
  if (guessable) score = 0;
  else if (reasons.length > 0) score = Math.min(score, 1) as 0 | 1;
  return { ok: reasons.length === 0, score, reasons, messages: reasons.map((r) => PASSWORD_REASON_TEXT[r]) };
}
