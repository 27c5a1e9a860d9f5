// Per-key counters in one-minute buckets, for sliding windows of up to an
// hour: an attack at thousands of messages a minute costs one bucket per key
// and minute, not one entry per message.

export const minuteOf = (ms: number) => Math.floor(ms / 60_000);

type Slot<B> = { minute: number; bucket: B };

export class MinuteBuckets<B> {
  private readonly series = new Map<string, Slot<B>[]>();

  constructor(
    private readonly make: () => B,
    private readonly keepMinutes = 61,
  ) {}

  /** The bucket of `key` for the minute of `ms`, created when missing. */
  at(key: string, ms: number): B {
    const minute = minuteOf(ms);
    let slots = this.series.get(key);
    if (!slots) this.series.set(key, (slots = []));
    const last = slots[slots.length - 1];
    if (last && last.minute === minute) return last.bucket;
    // Late lines (a minute boundary crossed between two reads) go to their own minute.
    for (let i = slots.length - 1; i >= 0 && slots[i]!.minute >= minute; i--) {
      if (slots[i]!.minute === minute) return slots[i]!.bucket;
    }
    const slot = { minute, bucket: this.make() };
    slots.push(slot);
    slots.sort((a, b) => a.minute - b.minute);
    return slot.bucket;
  }

  /** Buckets of `key` within the last `minutes` minutes before `now` (this minute included). */
  *within(key: string, now: number, minutes: number): Generator<B> {
    const from = minuteOf(now) - minutes + 1;
    for (const slot of this.series.get(key) ?? []) if (slot.minute >= from) yield slot.bucket;
  }

  keys(): IterableIterator<string> {
    return this.series.keys();
  }

  get size(): number {
    return this.series.size;
  }

  /** Forgets buckets older than the kept window, and keys left without any. */
  prune(now: number): void {
    const from = minuteOf(now) - this.keepMinutes + 1;
    for (const [key, slots] of this.series) {
      let drop = 0;
      while (drop < slots.length && slots[drop]!.minute < from) drop++;
      if (drop === slots.length) this.series.delete(key);
      else if (drop > 0) slots.splice(0, drop);
    }
  }
}

export function addCount(map: Map<string, number>, key: string, n = 1): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Highest counts first, at most `limit`. */
export function topCounts(map: Map<string, number>, limit: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, limit);
}
