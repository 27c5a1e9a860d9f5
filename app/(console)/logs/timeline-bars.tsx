'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { TimelinePoint } from '@/lib/maillog/schemas';

// Counts over time as SVG bars: no chart library for one histogram. The
// server counts per minute (per hour for long ranges); the bars are rebinned
// here to a readable number, over the whole range or zoomed to the activity
// (a one-minute attack is one bar in a week, sixty in its own hour).

const MAX_BARS = 120;
const MIN = 60_000;
const NICE = [MIN, 5 * MIN, 15 * MIN, 30 * MIN, 60 * MIN, 3 * 60 * MIN, 6 * 60 * MIN, 12 * 60 * MIN, 24 * 60 * MIN, 7 * 24 * 60 * MIN];

function pickBucket(spanMs: number, resolution: number): number {
  return NICE.find((b) => b >= resolution && spanMs / b <= MAX_BARS) ?? NICE[NICE.length - 1]!;
}

function rebin(points: TimelinePoint[], bucket: number, from: number, to: number): TimelinePoint[] {
  const counts = new Map<number, number>();
  for (const [t, c] of points) {
    if (t < from - bucket || t > to) continue;
    const b = Math.floor(t / bucket) * bucket;
    counts.set(b, (counts.get(b) ?? 0) + c);
  }
  const out: TimelinePoint[] = [];
  for (let t = Math.floor(from / bucket) * bucket; t <= to; t += bucket) out.push([t, counts.get(t) ?? 0]);
  return out;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function label(ms: number, bucket: number): string {
  const d = new Date(ms);
  const day = `${d.getMonth() + 1}/${d.getDate()}`;
  return bucket < 24 * 60 * MIN ? `${day} ${pad2(d.getHours())}:${pad2(d.getMinutes())}` : day;
}
const size = (b: number) => (b >= 24 * 60 * MIN ? `${b / (24 * 60 * MIN)}d` : b >= 60 * MIN ? `${b / (60 * MIN)}h` : `${b / MIN}m`);

type Props = { points: TimelinePoint[]; bucketMs: number; from: number; to: number; tone?: 'brand' | 'red'; testId?: string; title?: string };

export function TimelineBars({ points, bucketMs, from, to, tone = 'brand', testId, title }: Props) {
  const { t } = useT();
  const [zoom, setZoom] = useState(false);
  const first = points[0]?.[0];
  const last = points[points.length - 1]?.[0];
  // Zoom pays off when the activity fills a small part of the range.
  const canZoom = first !== undefined && last !== undefined && (last - first + bucketMs) * 4 < to - from;
  const [winFrom, winTo] =
    zoom && canZoom ? [first! - Math.max(bucketMs, (last! - first!) / 10), last! + Math.max(bucketMs, (last! - first!) / 10)] : [from, to];
  const bucket = pickBucket(winTo - winFrom, bucketMs);
  const bars = rebin(points, bucket, winFrom, winTo);
  const max = Math.max(1, ...bars.map(([, c]) => c));
  const w = 1000;
  const h = 96;
  const barW = bars.length ? w / bars.length : w;
  const color = tone === 'red' ? '#dc2626' : '#2f6fde';
  const ticks = bars.length > 2 ? [0, Math.floor(bars.length / 2), bars.length - 1] : bars.map((_, i) => i);
  return (
    <figure className="w-full" data-testid={testId}>
      <figcaption className="mb-1 flex items-center gap-3 text-xs text-slate-500">
        <span className="font-medium">{title}</span>
        <span className="text-slate-400">{t('logs.chart.scale', { size: size(bucket), count: max })}</span>
        {canZoom && (
          <button type="button" className="ml-auto text-brand-700 hover:underline" onClick={() => setZoom((z) => !z)}>
            {zoom ? t('logs.chart.whole') : t('logs.chart.zoom')}
          </button>
        )}
      </figcaption>
      <svg
        viewBox={`0 0 ${w} ${h}`}
        preserveAspectRatio="none"
        className="h-24 w-full rounded-md bg-slate-50 ring-1 ring-slate-200"
        role="img"
        aria-label={title}
      >
        {[0.25, 0.5, 0.75].map((f) => (
          <line key={f} x1={0} x2={w} y1={h * f} y2={h * f} stroke="#e2e8f0" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        ))}
        {bars.map(([at, c], i) =>
          c > 0 ? (
            <rect
              key={at}
              x={i * barW + barW * 0.1}
              width={Math.max(barW * 0.8, 1)}
              y={h - (c / max) * (h - 4)}
              height={(c / max) * (h - 4)}
              fill={color}
              opacity={0.85}
            >
              <title>{`${label(at, bucket)}: ${c}`}</title>
            </rect>
          ) : null,
        )}
      </svg>
      <div className="mt-1 flex justify-between text-[11px] tabular-nums text-slate-400">
        {ticks.map((i) => (
          <span key={i}>{label(bars[i]![0], bucket)}</span>
        ))}
      </div>
    </figure>
  );
}
