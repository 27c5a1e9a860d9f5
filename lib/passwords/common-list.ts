import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMMON_PASSWORDS } from '@/lib/auth/crypto/common-passwords';

// The shipped list of common passwords (data/README.md: SecLists, MIT), read
// by the sweep's child process, the tests and the benchmark; a line's number
// is the rank a finding reports ("common list #37").

export const COMMON_LIST_FILE = path.join(__dirname, 'data', 'common-passwords-1000.txt');

/** The list's entries in file order; rank = index + 1. Empty lines are skipped but keep their rank. */
export function parseCommonList(text: string): { password: string; rank: number }[] {
  return text.split('\n').flatMap((line, i) => (line.replace(/\r$/, '') ? [{ password: line.replace(/\r$/, ''), rank: i + 1 }] : []));
}

export function loadCommonList(file = COMMON_LIST_FILE): { password: string; rank: number }[] {
  return parseCommonList(readFileSync(file, 'utf8'));
}

/** The console's own short list (Chinese-web favourites, mailbox names) minus what the shipped list has. */
export function consoleListExtras(common: readonly { password: string }[]): string[] {
  const have = new Set(common.map((c) => c.password));
  return [...COMMON_PASSWORDS].filter((p) => !have.has(p));
}
