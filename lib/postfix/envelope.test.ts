import { describe, expect, it } from 'vitest';
import { isQueueName, parseAsctime, parseSizeRecord, promoteAttributes, emptyEnvelope } from './envelope';

describe('asctime text', () => {
  it('reads postcat times in the server zone, across DST', () => {
    // Same wall clock, winter and summer in New York: UTC-5 then UTC-4.
    expect(parseAsctime('Sat Jan 20 19:52:41 2007', 'America/New_York')?.toISOString()).toBe('2007-01-21T00:52:41.000Z');
    expect(parseAsctime('Fri Jun  5 14:05:19 2009', 'America/New_York')?.toISOString()).toBe('2009-06-05T18:05:19.000Z');
    expect(parseAsctime('Wed Oct 24 06:18:07 2012', 'Asia/Shanghai')?.toISOString()).toBe('2012-10-23T22:18:07.000Z');
    expect(parseAsctime('Wed Oct 24 06:18:07 2012')?.toISOString()).toBe('2012-10-24T06:18:07.000Z');
  });

  it('takes the year from the caller when the text has none (mailq)', () => {
    expect(parseAsctime('Mon Feb 24 13:35:18', 'UTC', 2020)?.toISOString()).toBe('2020-02-24T13:35:18.000Z');
    expect(parseAsctime('Mon Feb 24 13:35:18')).toBeNull();
  });

  it('returns null instead of throwing', () => {
    expect(parseAsctime('yesterday')).toBeNull();
    expect(parseAsctime('Sat Foo 20 19:52:41 2007')).toBeNull();
    expect(parseAsctime('Sat Jan 20 19:52:41 2007', 'Not/A_Zone')).toBeNull();
  });
});

describe('size record', () => {
  it('reads the six fields of a current C record and the fewer of old ones', () => {
    expect(parseSizeRecord('            441             813               3               0             441               0')).toEqual({
      contentSize: 441,
      dataOffset: 813,
      recipientCount: 3,
      qmgrFlags: 0,
      contentLength: 441,
      smtputf8: 0,
    });
    expect(parseSizeRecord('428 654 3')).toEqual({ contentSize: 428, dataOffset: 654, recipientCount: 3 });
    expect(parseSizeRecord('428 654')).toBeNull();
    expect(parseSizeRecord('a b c')).toBeNull();
  });
});

describe('attributes', () => {
  it('promotes the attributes an incident needs', () => {
    const e = emptyEnvelope();
    e.attributes = { sasl_username: 'info@example.com', client_address: '68.167.29.196', log_client_address: '68.167.29.196' };
    promoteAttributes(e);
    expect(e).toMatchObject({ saslUsername: 'info@example.com', clientAddress: '68.167.29.196', logClientAddress: '68.167.29.196' });
    expect(e.saslMethod).toBeUndefined();
  });

  it('knows the queue names', () => {
    expect(['incoming', 'active', 'deferred', 'hold', 'maildrop', 'corrupt'].every(isQueueName)).toBe(true);
    expect(isQueueName('defer')).toBe(false);
  });
});
