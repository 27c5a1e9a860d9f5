import { describe, expect, it } from 'vitest';
import { defaultRules, minIntervalFromEnv, watchPutSchema, watchRulesSchema } from './rules-schema';

describe('watch rules', () => {
  it('has the documented defaults', () => {
    const r = defaultRules();
    expect(r.intervalSeconds).toBe(60);
    expect(r.queue).toMatchObject({ totalAbove: 1000, growthPerMinute: 200 });
    expect(r.saslUser).toMatchObject({ messagesPerHour: 100, recipientsPerHour: 1000, baselineFactor: 10, ipsPerHour: 5, newIp: true });
    expect(r.saslFailures).toEqual({ perIp: 20, windowMinutes: 10 });
    expect(r.remoteBlocks).toEqual({ count: 5, windowMinutes: 10 });
    expect(r.containment).toEqual({ enabled: false, messagesPerHour: 500 });
  });

  it('refuses negative thresholds and zero intervals or windows', () => {
    const s = watchRulesSchema(30);
    expect(s.safeParse({ queue: { totalAbove: -1 } }).success).toBe(false);
    expect(s.safeParse({ saslUser: { messagesPerHour: -5 } }).success).toBe(false);
    expect(s.safeParse({ intervalSeconds: 0 }).success).toBe(false);
    expect(s.safeParse({ saslFailures: { windowMinutes: 0 } }).success).toBe(false);
    expect(s.safeParse({ containment: { enabled: true, messagesPerHour: 0 } }).success).toBe(false);
    expect(s.safeParse({ queue: { totalAbove: 0 } }).success).toBe(true);
  });

  it('keeps intervals above the floor the environment allows', () => {
    expect(watchRulesSchema(30).safeParse({ intervalSeconds: 10 }).success).toBe(false);
    expect(watchRulesSchema(minIntervalFromEnv('5')).safeParse({ intervalSeconds: 10 }).success).toBe(true);
    expect(minIntervalFromEnv('1')).toBe(5);
    expect(minIntervalFromEnv(undefined)).toBe(30);
    expect(minIntervalFromEnv('abc')).toBe(30);
  });

  it('takes new rules or a reset, nothing else', () => {
    const put = watchPutSchema(30);
    expect(put.safeParse({ reset: true }).success).toBe(true);
    expect(put.safeParse({ rules: defaultRules() }).success).toBe(true);
    expect(put.safeParse({ reset: false }).success).toBe(false);
    expect(put.safeParse({}).success).toBe(false);
  });
});
