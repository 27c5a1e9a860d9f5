import type { TimelinePoint } from './schemas';

// Counts per time bucket (hour or day, aligned to UTC), kept sparse: a quiet
// week costs nothing, and the chart fills the gaps.

export class Buckets {
  private readonly counts = new Map<number, number>();
  constructor(readonly size: number) {}

  add(time: number, n = 1): void {
    const start = Math.floor(time / this.size) * this.size;
    this.counts.set(start, (this.counts.get(start) ?? 0) + n);
  }

  points(): TimelinePoint[] {
    return [...this.counts].sort((a, b) => a[0] - b[0]);
  }
}

/** Keep the `n` largest by `score` without sorting everything twice. */
export function topN<T>(items: Iterable<T>, n: number, score: (t: T) => number, tie?: (a: T, b: T) => number): T[] {
  const all = [...items];
  all.sort((a, b) => score(b) - score(a) || (tie ? tie(a, b) : 0));
  return all.slice(0, n);
}
