import { describe, expect, it } from 'vitest';
import { pickPresent, windowFunctionsIn } from './mailbox-client';

describe('windowFunctionsIn', () => {
  it('knows which servers have COUNT(*) OVER ()', () => {
    expect(windowFunctionsIn('10.11.6-MariaDB-0+deb12u1')).toBe(true);
    expect(windowFunctionsIn('10.2.44-MariaDB')).toBe(true);
    expect(windowFunctionsIn('10.1.48-MariaDB')).toBe(false);
    expect(windowFunctionsIn('5.5.68-MariaDB')).toBe(false);
    expect(windowFunctionsIn('8.0.36')).toBe(true);
    expect(windowFunctionsIn('5.7.44-log')).toBe(false);
    expect(windowFunctionsIn('')).toBe(false);
  });
});

describe('pickPresent', () => {
  it('keeps the wanted columns the table has, in the wanted order', () => {
    expect(pickPresent(['disablesmtpd', 'clearpwd', 'mailhost'], new Set(['mailhost', 'disablesmtpd']))).toEqual(['disablesmtpd', 'mailhost']);
  });
});
