'use client';

import { useT } from '@/components/i18n-provider';
import type { TimelinePoint } from '@/lib/maillog/schemas';

// A bar per time bucket, drawn as SVG: no chart library for one histogram.
// Gaps between the first bucket of the range and now are filled with zeros,
// so a quiet night looks quiet instead of disappearing.

const MAX_BARS = 400;

function fill(points: TimelinePoint[], bucketMs: number, from: number, to: number): TimelinePoint[] {
  const start = Math.floor(from / bucketMs) * bucketMs;
  const end = Math.floor(to / bucketMs) * bucketMs;
  const n = Math.floor((end - start) / bucketMs) + 1;
  if (n <= 0 || n > MAX_BARS) return points;
  const counts = new Map(points);
  const out: TimelinePoint[] = [];
  for (let t = start; t <= end; t += bucketMs) out.push([t, counts.get(t) ?? 0]);
  return out;
}

const label = (ms: number, bucketMs: number) => {
  const d = new Date(ms);
  const day = `${d.getMonth() + 1}/${d.getDate()}`;
  return bucketMs < 86_400_000 ? `${day} ${String(d.getHours()).padStart(2, '0')}:00` : day;
};

export function TimelineBars({
  points,
  bucketMs,
  from,
  to,
  tone = 'brand',
  height = 96,
  testId,
  title,
}: {
  points: TimelinePoint[];
  bucketMs: number;
  from?: number;
  to?: number;
  tone?: 'brand' | 'red';
  height?: number;
  testId?: string;
  title?: string;
}) {
  const { t } = useT();
  const first = points[0]?.[0];
  const last = points[points.length - 1]?.[0];
  const bars = first === undefined ? [] : fill(points, bucketMs, Math.max(from ?? first, first - 24 * bucketMs), to ?? last ?? first);
  const max = Math.max(1, ...bars.map(([, c]) => c));
  const w = 1000;
  const barW = bars.length ? w / bars.length : w;
  const color = tone === 'red' ? '#dc2626' : '#2f6fde';
  const ticks = bars.length > 1 ? [0, Math.floor(bars.length / 2), bars.length - 1] : bars.length ? [0] : [];
  return (
    <figure className="w-full" data-testid={testId}>
      {title && <figcaption className="mb-1 text-xs font-medium text-slate-500">{title}</figcaption>}
      <svg viewBox={`0 0 ${w} ${height}`} preserveAspectRatio="none" className="h-24 w-full rounded-md bg-slate-50 ring-1 ring-slate-200" role="img" aria-label={title}>
        {[0.25, 0.5, 0.75].map((f) => (
          <line key={f} x1={0} x2={w} y1={height * f} y2={height * f} stroke="#e2e8f0" strokeWidth={1} vectorEffect="non-scaling-stroke" />
        ))}
        {bars.map(([t, c], i) =>
          c > 0 ? (
            <rect key={t} x={i * barW + barW * 0.1} width={Math.max(barW * 0.8, 1)} y={height - (c / max) * (height - 4)} height={(c / max) * (height - 4)} fill={color} opacity={0.85}>
              <title>{`${label(t, bucketMs)}: ${c}`}</title>
            </rect>
          ) : null,
        )}
      </svg>
      <div className="mt-1 flex justify-between text-[11px] tabular-nums text-slate-400">
        {ticks.map((i) => (
          <span key={i}>{label(bars[i]![0], bucketMs)}</span>
        ))}
        <span className="ml-auto pl-2">{t('logs.chart.max', { count: max })}</span>
      </div>
    </figure>
  );
}
