import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compare two secrets without leaking where they differ. timingSafeEqual
 * needs equal lengths, so both sides are first reduced to sha256 digests:
 * that also keeps the length of the stored value out of the timing.
 */
export function safeEqual(a: string | Buffer, b: string | Buffer): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && Buffer.byteLength(a) === Buffer.byteLength(b);
}
