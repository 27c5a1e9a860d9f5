import { describe, expect, it } from 'vitest';
import { describeQuota, formatBytes, parseQuota } from './quota';

const words = { unlimited: 'no limit', messages: (n: number) => `${n} messages` };

describe('parseQuota', () => {
  it('reads the byte limit extman writes for a mailbox', () => {
    const q = parseQuota('524288000S');
    expect(q).toMatchObject({ bytes: 524_288_000, messages: null, unlimited: false, valid: true });
  });

  it('reads a count and a size in either order', () => {
    expect(parseQuota('1000C,52428800S')).toMatchObject({ bytes: 52_428_800, messages: 1000 });
    expect(parseQuota('52428800S, 1000C')).toMatchObject({ bytes: 52_428_800, messages: 1000 });
  });

  it('takes a bare number (domain maxquota) as bytes', () => {
    expect(parseQuota('1073741824').bytes).toBe(1_073_741_824);
  });

  it('treats 0, 0S and an empty string as no limit', () => {
    for (const raw of ['0', '0S', '', null]) expect(parseQuota(raw).unlimited).toBe(true);
  });

  it('marks text it cannot read as invalid instead of guessing', () => {
    const q = parseQuota('lots');
    expect(q.valid).toBe(false);
    expect(q.unlimited).toBe(false);
    expect(describeQuota(q, words)).toBe('lots');
  });
});

describe('formatBytes', () => {
  it('uses binary units and drops a useless decimal', () => {
    expect(formatBytes(524_288_000)).toBe('500 MiB');
    expect(formatBytes(1_073_741_824)).toBe('1 GiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(100)).toBe('100 bytes');
    expect(formatBytes(1)).toBe('1 byte');
  });
});

describe('describeQuota', () => {
  it('says both limits in plain words', () => {
    expect(describeQuota(parseQuota('1000C,104857600S'), words)).toBe('100 MiB, 1000 messages');
    expect(describeQuota(parseQuota('0'), words)).toBe('no limit');
  });
});
