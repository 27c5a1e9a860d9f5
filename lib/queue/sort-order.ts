// Row orders per sort key, computed once per index version and cached: a
// page query then walks the order and picks matching rows, instead of
// sorting 300,000 rows on every request. Key and row are packed into one
// float64 so the native numeric sort does the work (no comparator calls).
import { FLAG_ALIVE, type QueueIndex } from './index-store';
import type { SortKey } from './schemas';

const ROW_BITS = 2 ** 21;
const KEY_MAX = 2 ** 31 - 1;

type Cache = { version: number; orders: Partial<Record<SortKey, Uint32Array>> };
const caches = new WeakMap<QueueIndex, Cache>();

function senderRanks(ix: QueueIndex): Map<number, number> {
  const ids = new Set<number>();
  for (let r = 0; r < ix.length; r++) if (ix.flags[r]! & FLAG_ALIVE) ids.add(ix.cols.sender[r]!);
  const sorted = [...ids].map((id) => ({ id, s: (ix.pool.get(id) ?? '').toLowerCase() }));
  sorted.sort((a, b) => (a.s < b.s ? -1 : a.s > b.s ? 1 : 0));
  return new Map(sorted.map((x, i) => [x.id, i]));
}

function build(ix: QueueIndex, key: SortKey): Uint32Array {
  const ALIVE = FLAG_ALIVE;
  const ranks = key === 'sender' ? senderRanks(ix) : null;
  const keyOf = (r: number): number => {
    switch (key) {
      case 'arrival':
        return ix.arrival[r]!;
      case 'size':
        return ix.size[r]!;
      case 'recipients':
        return ix.rcpts[r]!;
      case 'sender':
        return ranks!.get(ix.cols.sender[r]!) ?? 0;
    }
  };
  const rows: number[] = [];
  for (let r = 0; r < ix.length; r++) if (ix.flags[r]! & ALIVE) rows.push(r);
  if (ix.length <= ROW_BITS) {
    const packed = new Float64Array(rows.length);
    for (let i = 0; i < rows.length; i++) packed[i] = Math.min(keyOf(rows[i]!), KEY_MAX) * ROW_BITS + rows[i]!;
    packed.sort();
    return Uint32Array.from(packed, (v) => v % ROW_BITS);
  }
  const keys = new Float64Array(ix.length);
  for (const r of rows) keys[r] = keyOf(r);
  rows.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return Uint32Array.from(rows);
}

export function sortedRows(ix: QueueIndex, key: SortKey): Uint32Array {
  let cache = caches.get(ix);
  if (!cache || cache.version !== ix.version) {
    cache = { version: ix.version, orders: {} };
    caches.set(ix, cache);
  }
  return (cache.orders[key] ??= build(ix, key));
}
