import { describe, expect, it } from 'vitest';
import { hashDir, queueDir, shortQueueId } from './queue-id';

describe('shortQueueId', () => {
  it('matches an id Postfix gave a file in the lab (inode 1500414)', () => {
    expect(shortQueueId(0x3a89c, 1500414)).toBe('3A89C16E4FE');
  });

  it('pads the microseconds to five hex digits', () => {
    expect(shortQueueId(5, 0xabc)).toBe('00005ABC');
    expect(shortQueueId(999_999, 1)).toBe('F423F1');
  });

  it('rejects microseconds outside a second', () => {
    expect(() => shortQueueId(1_000_000, 1)).toThrow(RangeError);
    expect(() => shortQueueId(-1, 1)).toThrow(RangeError);
  });
});

describe('queue paths', () => {
  const layout = { spool: '/var/spool/postfix', hashed: new Set(['deferred', 'defer']), depth: 1 };

  it('hashes by the leading characters of the id', () => {
    expect(hashDir('3A89C16E4FE', 1)).toBe('3/');
    expect(hashDir('3A89C16E4FE', 2)).toBe('3/A/');
  });

  it('hashes only the queues named in hash_queue_names', () => {
    expect(queueDir(layout, 'deferred', 'B8C616E55E')).toBe('/var/spool/postfix/deferred/B/');
    expect(queueDir(layout, 'defer', 'B8C616E55E')).toBe('/var/spool/postfix/defer/B/');
    expect(queueDir(layout, 'hold', 'B8C616E55E')).toBe('/var/spool/postfix/hold/');
  });
});
