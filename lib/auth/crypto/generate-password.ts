import { randomInt } from 'node:crypto';

/**
 * Alphabets without look-alikes (0/O, 1/l/I) and without characters that break
 * when a password is pasted into a shell, a config file or a chat: quotes,
 * backslash, backtick, space, and `$` (expands in shells and Postfix maps).
 */
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const SYMBOLS = '!#%+-=?@^_*~.,:';
export const PASSWORD_CLASSES = [UPPER, LOWER, DIGITS, SYMBOLS] as const;
const ALL = PASSWORD_CLASSES.join('');
export const MIN_GENERATED_LENGTH = 8;

const pick = (alphabet: string): string => alphabet[randomInt(alphabet.length)] ?? '';

/**
 * A random password with at least one character from each class. One of each
 * is drawn first and the rest from the union, then a Fisher-Yates shuffle
 * hides which positions were forced.
 */
export function generatePassword(length = 16): string {
  if (!Number.isInteger(length) || length < MIN_GENERATED_LENGTH || length > 256) {
    throw new RangeError(`generatePassword: length must be an integer from ${MIN_GENERATED_LENGTH} to 256`);
  }
  const chars = PASSWORD_CLASSES.map(pick);
  while (chars.length < length) chars.push(pick(ALL));
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] ?? '', chars[i] ?? ''];
  }
  return chars.join('');
}
