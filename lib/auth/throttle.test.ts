import { describe, expect, it } from 'vitest';
import { FREE_FAILURES, lockDuration } from './throttle';

describe('lockDuration', () => {
  it('lets the first failures through without delay', () => {
    for (let i = 1; i < FREE_FAILURES; i++) expect(lockDuration(i)).toBe(0);
  });
  it('locks from the fifth failure on, doubling up to 15 minutes', () => {
    expect(lockDuration(5)).toBe(30_000);
    expect(lockDuration(6)).toBe(60_000);
    expect(lockDuration(7)).toBe(120_000);
    expect(lockDuration(30)).toBe(15 * 60_000);
  });
});
