// Postfix queue IDs (src/global/mail_queue.h). Short IDs are upper-case hex:
// 5 digits of microseconds then the inode. Long IDs (enable_long_queue_ids)
// use a vowel-free base-52 alphabet: >= 6 chars of seconds, exactly 4 of
// microseconds, 'z', then the inode in base 51 (which never contains 'z').
// queueSubdir() mirrors mail_queue_dir(): hashed by the microsecond digits.
import { z } from 'zod';

/** safe_ultostr()'s alphabet: digits, then consonants upper, then lower. */
export const SAFE_ALPHABET = '0123456789BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz';

const SHORT_RE = /^[0-9A-F]{6,}$/;
// The time part may itself contain 'z' (digit 51); the separator is the last 'z'.
const LONG_RE = /^[0-9BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz]{10,}z[0-9BCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxy]+$/;
// Postfix accepts up to VALID_HOSTNAME_LEN; real IDs are far shorter.
const MAX_LEN = 64;

export function isShortQueueId(s: string): boolean {
  return s.length <= MAX_LEN && SHORT_RE.test(s);
}

export function isLongQueueId(s: string): boolean {
  return s.length <= MAX_LEN && LONG_RE.test(s);
}

export function isQueueId(s: string): boolean {
  return isShortQueueId(s) || isLongQueueId(s);
}

export const queueIdSchema = z.string().trim().refine(isQueueId, { message: 'not a Postfix queue ID' });

/** Decode a base-N safe-alphabet string; null on a character outside the base. */
export function safeDecode(s: string, base: number): number | null {
  let n = 0;
  for (const ch of s) {
    const d = SAFE_ALPHABET.indexOf(ch);
    if (d < 0 || d >= base) return null;
    n = n * base + d;
  }
  return n;
}

export function safeEncode(n: number, base: number, pad = 0): string {
  let out = '';
  let v = Math.floor(n);
  while (v > 0) {
    out = SAFE_ALPHABET[v % base] + out;
    v = Math.floor(v / base);
  }
  return out.padStart(pad, '0');
}

/** What a long ID encodes; null for a short or malformed ID. */
export function decodeLongQueueId(id: string): { seconds: number; microseconds: number; inode: number } | null {
  if (!isLongQueueId(id)) return null;
  const zAt = id.lastIndexOf('z');
  const seconds = safeDecode(id.slice(0, zAt - 4), 52);
  const microseconds = safeDecode(id.slice(zAt - 4, zAt), 52);
  const inode = safeDecode(id.slice(zAt + 1), 51);
  if (seconds === null || microseconds === null || inode === null || microseconds > 999999) return null;
  return { seconds, microseconds, inode };
}

/**
 * The hashed directory path under a queue ("A/B" for depth 2), as
 * dir_forest() builds it. Long IDs hash on their microseconds rendered the
 * short way (%05X), so both ID styles of one instant share a directory.
 */
export function queueSubdir(id: string, depth = 1): string | null {
  if (!Number.isInteger(depth) || depth < 1 || !isQueueId(id)) return null;
  let key = id;
  if (isLongQueueId(id)) {
    const d = decodeLongQueueId(id);
    if (!d) return null;
    key = d.microseconds.toString(16).toUpperCase().padStart(5, '0');
  }
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(key[i] ?? '_');
  return parts.join('/');
}
