import { describe, expect, it } from 'vitest';
import { isExpired, parseExtmailDate } from './dates';

describe('parseExtmailDate', () => {
  it('treats zero dates and NULL as "never"', () => {
    expect(parseExtmailDate('0000-00-00 00:00:00')).toEqual({ raw: '0000-00-00 00:00:00', iso: null, isZero: true });
    expect(parseExtmailDate('0000-00-00').isZero).toBe(true);
    expect(parseExtmailDate(null).isZero).toBe(true);
  });

  it('keeps the wall-clock value of a real date', () => {
    expect(parseExtmailDate('2007-02-14 15:10:04').iso).toBe('2007-02-14T15:10:04');
    expect(parseExtmailDate('2010-11-08').iso).toBe('2010-11-08T00:00:00');
  });

  it('does not invent a date from garbage', () => {
    const d = parseExtmailDate('yesterday');
    expect(d.iso).toBeNull();
    expect(d.isZero).toBe(false);
  });
});

describe('isExpired', () => {
  it('never expires on a zero date', () => {
    expect(isExpired(parseExtmailDate('0000-00-00'))).toBe(false);
  });
  it('expires a date in the past, not one in the future', () => {
    const now = new Date('2026-01-01T00:00:00');
    expect(isExpired(parseExtmailDate('2010-11-08'), now)).toBe(true);
    expect(isExpired(parseExtmailDate('2030-01-01'), now)).toBe(false);
  });
});
