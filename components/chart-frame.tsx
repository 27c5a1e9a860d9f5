'use client';

import type { ReactNode } from 'react';
import { useT } from '@/components/i18n-provider';

// The frame of a small time chart: y ticks (0, half, max) and the start and
// end times in HTML beside the SVG, so they keep their size on a phone and
// are never clipped by the viewBox. The plot is drawn in a w×h box that
// stretches to the frame (strokes stay thin with vector-effect).

export function ChartFrame({
  w,
  h,
  yMax,
  from,
  to,
  label,
  className = 'h-36',
  children,
}: {
  w: number;
  h: number;
  yMax: number;
  from: number;
  to: number;
  label: string;
  className?: string;
  children: ReactNode;
}) {
  const { f } = useT();
  const long = to - from > 20 * 3600_000;
  const at = (ms: number) => (long ? f.dateTime(ms) : f.time(ms));
  return (
    <div>
      <div className="flex gap-2">
        <div className={`flex shrink-0 flex-col justify-between text-right text-[11px] leading-none text-slate-500 tabular-nums ${className}`} aria-hidden>
          <span>{f.number(yMax)}</span>
          <span>{f.number(Math.round(yMax / 2))}</span>
          <span>0</span>
        </div>
        <svg viewBox={`0 0 ${w} ${h}`} preserveAspectRatio="none" className={`min-w-0 flex-1 overflow-visible ${className}`} role="img" aria-label={label}>
          {[0, 0.5, 1].map((y) => (
            <line
              key={y}
              x1={0}
              x2={w}
              y1={h - y * h}
              y2={h - y * h}
              stroke="#e2e8f0"
              strokeDasharray={y === 0 ? undefined : '3 3'}
              vectorEffect="non-scaling-stroke"
            />
          ))}
          {children}
        </svg>
      </div>
      <div className="mt-1 flex justify-between pl-8 text-[11px] text-slate-500">
        <time dateTime={new Date(from).toISOString()} title={f.dateTime(from)}>
          {at(from)}
        </time>
        <time dateTime={new Date(to).toISOString()} title={f.dateTime(to)}>
          {at(to)}
        </time>
      </div>
    </div>
  );
}
