import { describe, expect, it } from 'vitest';
import { ageSince, isOldAccount } from './age';

const now = new Date('2026-03-10T12:00:00');

describe('ageSince', () => {
  it('counts whole years for the seed account created in 2011', () => {
    expect(ageSince('2011-04-25T15:35:54', now)).toEqual({ unit: 'years', count: 14 });
  });
  it('does not round a year up before its anniversary', () => {
    expect(ageSince('2025-03-11T00:00:00', now)).toEqual({ unit: 'months', count: 11 });
    expect(ageSince('2025-03-10T00:00:00', now)).toEqual({ unit: 'years', count: 1 });
  });
  it('falls back to days inside the first month', () => {
    expect(ageSince('2026-03-01T12:00:00', now)).toEqual({ unit: 'days', count: 9 });
  });
  it('says nothing about a date in the future or garbage', () => {
    expect(ageSince('2030-01-01T00:00:00', now)).toBeNull();
    expect(ageSince('not a date', now)).toBeNull();
  });
});

describe('isOldAccount', () => {
  it('flags accounts older than a year, not newer ones or unknown dates', () => {
    expect(isOldAccount('2011-04-25T15:35:54', now)).toBe(true);
    expect(isOldAccount('2025-12-01T00:00:00', now)).toBe(false);
    expect(isOldAccount(null, now)).toBe(false);
  });
});
