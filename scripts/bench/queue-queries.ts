// The query workload of the queue-page benchmark: random filter
// combinations built from the index's own facet values (what an admin
// clicks), random sort, order and page, timed through queryQueue.
import type { QueueIndex } from '../../lib/queue/index-store';
import { queryQueue } from '../../lib/queue/query';
import { FACETS, queueQuerySchema, SORT_KEYS } from '../../lib/queue/schemas';

const ADMIN = { role: 'admin' as const, domains: [] };

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function benchQueries(ix: QueueIndex, runs = 200, seed = 7): { runs: number; p50: number; p95: number; max: number; first: number } {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  // Facet values to click on come from an unfiltered query, like the page's first view.
  const t0 = performance.now();
  const base = queryQueue(ix, queueQuerySchema.parse({}), ADMIN);
  const first = performance.now() - t0;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const params: Record<string, string> = {
      sort: pick(SORT_KEYS),
      order: rand() < 0.5 ? 'asc' : 'desc',
      page: String(1 + Math.floor(rand() * 5)),
      pageSize: '100',
    };
    const n = Math.floor(rand() * 4);
    for (let k = 0; k < n; k++) {
      const facet = pick(FACETS);
      const values = base.facets[facet];
      if (values.length) params[facet] = pick(values).value;
    }
    if (rand() < 0.1) params.forged = 'true';
    if (rand() < 0.1) params.olderThan = '2h';
    const q = queueQuerySchema.parse(params);
    const s = performance.now();
    queryQueue(ix, q, ADMIN);
    times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 10) / 10;
  return { runs, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1) ?? 0), first: round(first) };
}
