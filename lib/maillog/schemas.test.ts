import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE_MS, HOUR_MS, loginsQuerySchema, resolveRange, searchQuerySchema } from './schemas';

describe('maillog query schemas', () => {
  it('defaults to the last 7 days from the start of the hour, so the cache key holds for an hour', () => {
    const now = Date.UTC(2026, 10, 27, 21, 47, 12);
    const r = resolveRange({}, now);
    expect(r.to).toBeNull();
    expect(r.from % HOUR_MS).toBe(0);
    expect(now - r.from).toBeGreaterThanOrEqual(DEFAULT_RANGE_MS);
    expect(now - r.from).toBeLessThan(DEFAULT_RANGE_MS + HOUR_MS);
    expect(resolveRange({}, now + 10 * 60_000)).toEqual(r);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => resolveRange({ from: '2026-11-27T10:00:00Z', to: '2026-11-26T10:00:00Z' })).toThrow();
  });

  it('takes one line of search text, never several patterns', () => {
    expect(searchQuerySchema.safeParse({ q: '127.0.0.99' }).success).toBe(true);
    expect(searchQuerySchema.safeParse({ q: 'abc\ndef' }).success).toBe(false);
    expect(searchQuerySchema.safeParse({ q: 'ab' }).success).toBe(false);
  });

  it('accepts SASL names with or without a domain, and nothing with spaces or commas', () => {
    expect(loginsQuerySchema.parse({ user: 'info@example.com' }).user).toBe('info@example.com');
    expect(loginsQuerySchema.parse({ user: 'bob' }).user).toBe('bob');
    expect(loginsQuerySchema.parse({ user: '' }).user).toBeUndefined();
    expect(loginsQuerySchema.safeParse({ user: 'a b' }).success).toBe(false);
    expect(loginsQuerySchema.safeParse({ user: 'a,b' }).success).toBe(false);
  });
});
