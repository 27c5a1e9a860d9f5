import { describe, expect, it } from 'vitest';
import { Buckets, topN } from './buckets';

describe('Buckets', () => {
  it('counts per bucket whatever the order of the times, and keeps counting after a snapshot', () => {
    const b = new Buckets(10);
    for (const t of [1, 2, 15, 3, 15, 29, 0, 100]) b.add(t);
    expect(b.points()).toEqual([
      [0, 4],
      [10, 2],
      [20, 1],
      [100, 1],
    ]);
    b.add(101);
    b.add(5, 3);
    expect(b.points()).toEqual([
      [0, 7],
      [10, 2],
      [20, 1],
      [100, 2],
    ]);
  });
});

describe('topN', () => {
  it('keeps the largest, ties broken as asked', () => {
    expect(topN([3, 1, 2, 3], 2, (x) => x)).toEqual([3, 3]);
    expect(
      topN(
        ['b', 'a', 'c'],
        2,
        () => 0,
        (x, y) => x.localeCompare(y),
      ),
    ).toEqual(['a', 'b']);
  });
});
