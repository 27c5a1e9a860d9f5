import { describe, expect, it } from 'vitest';
import { CONFIRM_THRESHOLD, confirmationFor, confirmMatches, isFlushAll } from './confirm';

const base = { filter: null, selected: null, flushAll: false, host: 'lab' };

describe('confirmationFor', () => {
  it('asks nothing up to the threshold', () => {
    expect(confirmationFor({ ...base, count: CONFIRM_THRESHOLD, filter: { saslUser: 'info@example.com' } }).required).toBe(false);
  });

  it('asks for the login before the IP, the IP before the sender domain', () => {
    const c = (filter: object) => confirmationFor({ ...base, count: 6000, filter }).expected;
    expect(c({ clientIp: '127.0.0.66', saslUser: 'info@example.com' })).toBe('info@example.com');
    expect(c({ clientIp: '127.0.0.66', senderDomain: 'yahoo.com' })).toBe('127.0.0.66');
    expect(c({ senderDomain: 'yahoo.com', queue: 'hold' })).toBe('yahoo.com');
  });

  it('asks for the number when nothing names the target: a selection, a queue-only or "(none)" filter', () => {
    expect(confirmationFor({ ...base, count: 250, selected: 250 })).toEqual({ required: true, expected: '250', kind: 'count' });
    expect(confirmationFor({ ...base, count: 300, filter: { queue: 'hold' } }).expected).toBe('300');
    expect(confirmationFor({ ...base, count: 300, filter: { saslUser: '(none)' } }).expected).toBe('300');
  });

  it('asks for the host name before flushing the whole deferred queue', () => {
    expect(confirmationFor({ ...base, count: 300_000, filter: {}, flushAll: true })).toEqual({ required: true, expected: 'lab', kind: 'value' });
  });
});

describe('confirmMatches', () => {
  const value = { required: true, expected: 'Info@Example.com', kind: 'value' as const };
  const count = { required: true, expected: '6077', kind: 'count' as const };
  it('accepts the value in any case and the number with separators', () => {
    expect(confirmMatches(value, ' info@example.com ')).toBe(true);
    expect(confirmMatches(count, '6,077')).toBe(true);
  });
  it('refuses anything else, and a missing confirmation', () => {
    expect(confirmMatches(value, 'info@example.co')).toBe(false);
    expect(confirmMatches(count, '6078')).toBe(false);
    expect(confirmMatches(count, undefined)).toBe(false);
    expect(confirmMatches({ required: false, expected: null, kind: null }, undefined)).toBe(true);
  });
});

describe('isFlushAll', () => {
  it('is only an admin flushing everything deferred', () => {
    expect(isFlushAll('flush', {}, 'admin')).toBe(true);
    expect(isFlushAll('flush', { queue: 'deferred' }, 'admin')).toBe(true);
    expect(isFlushAll('flush', { saslUser: 'info@example.com' }, 'admin')).toBe(false);
    expect(isFlushAll('flush', {}, 'postmaster')).toBe(false);
    expect(isFlushAll('requeue', {}, 'admin')).toBe(false);
    expect(isFlushAll('flush', undefined, 'admin')).toBe(false);
  });
});
