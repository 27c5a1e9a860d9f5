import { createHash, randomInt } from 'node:crypto';

/**
 * One-time recovery codes for when the authenticator is lost. They are random
 * and long (12 characters of a 31-symbol alphabet ≈ 59 bits), so a plain
 * sha256 is enough to store them; a slow hash would add nothing.
 */
// No 0/o or 1/l/i, which people misread; lowercase, since case is dropped on input anyway.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 3;
const GROUP_LENGTH = 4;

function randomCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** `n` distinct codes like `k7mq-3xta-pw9e`, shown once to the user. */
export function generateRecoveryCodes(n = 10): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(randomCode());
  return [...codes];
}

/** What a person typed → the canonical form: lowercase, separators and spaces dropped. */
export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s_-]/g, '');
}

/** The stored form: sha256 hex of the normalised code. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code), 'utf8').digest('hex');
}
