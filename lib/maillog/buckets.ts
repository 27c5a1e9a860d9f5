import type { TimelinePoint } from './schemas';

// Counts per time bucket (hour or day, aligned to UTC), kept sparse: a quiet
// week costs nothing, and the chart fills the gaps.

export class Buckets {
  private readonly counts = new Map<number, number>();
  // Log lines come in time order: most land in the bucket of the line before.
  private current = NaN;
  private end = NaN;
  private pending = 0;
  constructor(readonly size: number) {}

  add(time: number, n = 1): void {
    if (time >= this.current && time < this.end) {
      this.pending += n;
      return;
    }
    this.flush();
    this.current = Math.floor(time / this.size) * this.size;
    this.end = this.current + this.size;
    this.pending = n;
  }

  private flush(): void {
    if (this.pending) this.counts.set(this.current, (this.counts.get(this.current) ?? 0) + this.pending);
    this.pending = 0;
  }

  points(): TimelinePoint[] {
    this.flush();
    return [...this.counts].sort((a, b) => a[0] - b[0]);
  }
}

/** Keep the `n` largest by `score` without sorting everything twice. */
export function topN<T>(items: Iterable<T>, n: number, score: (t: T) => number, tie?: (a: T, b: T) => number): T[] {
  const all = [...items];
  all.sort((a, b) => score(b) - score(a) || (tie ? tie(a, b) : 0));
  return all.slice(0, n);
}
