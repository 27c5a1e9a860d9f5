'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { ChartFrame } from '@/components/chart-frame';
import { useT } from '@/components/i18n-provider';
import { fieldClass } from '@/components/ui/field';
import { hostPath } from '@/lib/hosts/keys';
import { fetchJson } from '@/lib/query/fetch-json';
import { plot } from '@/lib/watch/chart-data';
import { alertKeys } from '@/lib/watch/keys';
import type { SamplePoint } from '@/lib/watch/samples';

// The queue size of one host over the last day or week, from the watcher's
// samples: total as an area, held mail as a line. A capped count shows as
// "at least".

const W = 640;
const H = 160;
const RANGES = [24, 168] as const;

export function QueueChart({ host }: { host: string }) {
  const { t, f } = useT();
  const [hours, setHours] = useState<(typeof RANGES)[number]>(24);
  const q = useQuery({
    queryKey: alertKeys.samples(host, hours),
    queryFn: () => fetchJson<{ samples: SamplePoint[] }>(hostPath(host, `/watch/samples?hours=${hours}`)),
    enabled: host !== '',
    refetchInterval: 30_000,
  });
  const samples = q.data?.samples ?? [];
  const p = plot(samples, W, H);
  const held = p
    ? plot(
        samples.map((s) => ({ ...s, total: s.hold })),
        W,
        H,
      )
    : null;
  const heldPath = p && held ? scaleTo(held.path, held.yMax, p.yMax) : null;
  const last = samples[samples.length - 1];
  return (
    <Card
      title={t('alerts.chart.title')}
      actions={
        <select
          aria-label={t('alerts.chart.title')}
          className={`${fieldClass} py-1 text-xs`}
          value={hours}
          onChange={(e) => setHours(Number(e.target.value) as 24 | 168)}
        >
          {RANGES.map((r) => (
            <option key={r} value={r}>
              {t(`alerts.chart.range.${r}`)}
            </option>
          ))}
        </select>
      }
    >
      {!p || !last ? (
        <p className="py-6 text-center text-sm text-slate-500">{q.isError ? (q.error as Error).message : t('alerts.chart.empty')}</p>
      ) : (
        <figure data-testid="queue-chart">
          <figcaption className="mb-2 text-sm text-slate-700">
            {t('alerts.chart.latest', {
              total: `${last.complete ? '' : `${t('alerts.chart.atLeast')} `}${f.number(last.total)}`,
              deferred: f.number(last.deferred),
              hold: f.number(last.hold),
              time: f.dateTime(last.at),
            })}
          </figcaption>
          <ChartFrame w={W} h={H} yMax={p.yMax} from={p.from} to={p.to} label={t('alerts.chart.label', { host })} className="h-40">
            <path d={p.area} fill="rgb(59 130 246 / 0.15)" />
            <path d={p.path} fill="none" stroke="rgb(37 99 235)" strokeWidth="1.5" vectorEffect="non-scaling-stroke" />
            {heldPath && <path d={heldPath} fill="none" stroke="rgb(220 38 38)" strokeWidth="1.2" strokeDasharray="4 2" vectorEffect="non-scaling-stroke" />}
          </ChartFrame>
          <div className="mt-1 flex gap-4 text-xs text-slate-500">
            <span>
              <span className="mr-1 inline-block h-0.5 w-4 bg-blue-600 align-middle" />
              {t('alerts.chart.title')}
            </span>
            <span>
              <span className="mr-1 inline-block h-0.5 w-4 bg-red-600 align-middle" />
              {t('alerts.chart.hold')}
            </span>
          </div>
        </figure>
      )}
    </Card>
  );
}

/** The hold line was plotted on its own scale; put it on the total's. */
function scaleTo(path: string, fromMax: number, toMax: number): string {
  return path.replace(/(-?[\d.]+),(-?[\d.]+)/g, (_, x: string, y: string) => `${x},${(H - ((H - Number(y)) * fromMax) / toMax).toFixed(1)}`);
}
