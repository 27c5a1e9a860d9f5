// The queue-size chart's numbers: samples thinned for the wire, and scaled
// into SVG coordinates. Pure, shared by the samples API and the page.

export type ChartPoint = { at: string; total: number; complete: boolean };

/** At most `maxPoints`, keeping the largest total of each time slice (a spike must not vanish). */
export function thin<T extends { total: number }>(points: T[], maxPoints: number): T[] {
  if (points.length <= maxPoints) return points;
  const per = Math.ceil(points.length / maxPoints);
  const out: T[] = [];
  for (let i = 0; i < points.length; i += per) {
    let best = points[i]!;
    for (let j = i + 1; j < Math.min(i + per, points.length); j++) if (points[j]!.total > best.total) best = points[j]!;
    out.push(best);
  }
  return out;
}

/** A round axis maximum at or above `max`: 1, 2, 5 × 10^n. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export type Plot = { path: string; area: string; yMax: number; from: number; to: number };

/** SVG path of totals over time inside a width × height box (y grows downwards). */
export function plot(points: ChartPoint[], width: number, height: number): Plot | null {
  if (points.length === 0) return null;
  const times = points.map((p) => Date.parse(p.at));
  const from = times[0]!;
  const to = Math.max(times[times.length - 1]!, from + 60_000);
  const yMax = niceMax(Math.max(...points.map((p) => p.total)));
  const xy = points.map((p, i) => {
    const x = ((times[i]! - from) / (to - from)) * width;
    const y = height - (p.total / yMax) * height;
    return `${x.toFixed(1)},${y.toFixed(1)}`;
  });
  const path = `M${xy.join(' L')}`;
  const lastX = (((times[times.length - 1]! - from) / (to - from)) * width).toFixed(1);
  return { path, area: `${path} L${lastX},${height} L0,${height} Z`, yMax, from, to };
}
