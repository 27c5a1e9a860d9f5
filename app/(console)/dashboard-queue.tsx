'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Card } from '@/components/card';
import { ChartFrame } from '@/components/chart-frame';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { dashboardKeys } from '@/lib/dashboard/keys';
import type { HostOverview, QueuePoint } from '@/lib/dashboard/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { queuePath } from '@/lib/queue/keys';
import { niceMax } from '@/lib/watch/chart-data';

// Queue sizes of one host: the numbers per queue now, and a small chart of
// the total (and what is on hold) over the last hours.

const W = 560;
const H = 120;

function paths(points: QueuePoint[]) {
  if (points.length === 0) return null;
  const times = points.map((p) => Date.parse(p.at));
  const from = times[0]!;
  const to = Math.max(times.at(-1)!, from + 60_000);
  const yMax = niceMax(Math.max(...points.map((p) => p.total)));
  const xy = (i: number, v: number) => `${(((times[i]! - from) / (to - from)) * W).toFixed(1)},${(H - (v / yMax) * H).toFixed(1)}`;
  const total = `M${points.map((p, i) => xy(i, p.total)).join(' L')}`;
  const hold = `M${points.map((p, i) => xy(i, p.hold)).join(' L')}`;
  const lastX = (((times.at(-1)! - from) / (to - from)) * W).toFixed(1);
  return { total, area: `${total} L${lastX},${H} L0,${H} Z`, hold, yMax, from, to };
}

export function DashboardQueue({ view, showHost }: { view: HostOverview; showHost: boolean }) {
  const { t, f } = useT();
  const qc = useQueryClient();
  const scan = useMutation({
    mutationFn: () => fetchJson(queuePath(view.host, '/scan'), { method: 'POST', json: { mode: 'refresh' } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: dashboardKeys.all }),
  });
  const o = view.queue.overview;
  const last = view.history.points.at(-1);
  const q = o?.byQueue ?? {};
  const now: Omit<QueuePoint, 'at'> | null = o
    ? { total: o.total, incoming: q.incoming ?? 0, active: q.active ?? 0, deferred: q.deferred ?? 0, hold: q.hold ?? 0, complete: true }
    : (last ?? null);
  // One point is no line: the chart starts with the second sample.
  const p = view.history.points.length >= 2 ? paths(view.history.points) : null;
  const s = view.queue.scan;
  const source =
    view.history.source === 'watcher'
      ? t('dashboard.queue.sourceWatcher')
      : view.history.source === 'console'
        ? t('dashboard.queue.sourceConsole')
        : t('dashboard.queue.sourceNone');
  return (
    <Card title={`${t('dashboard.queue.title')}${showHost ? ` · ${view.host}` : ''}`}>
      <div data-testid="queue-card" data-host={view.host}>
        {now && (
          <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
            <span className="text-3xl font-semibold tabular-nums text-slate-900" data-testid="queue-total">
              {!now.complete && <span className="mr-1 text-sm font-normal text-slate-500">{t('dashboard.queue.lowerBound')}</span>}
              {f.number(now.total)}
            </span>
            <span className="text-sm text-slate-600">
              {t('dashboard.queue.byQueue', {
                incoming: f.number(now.incoming),
                active: f.number(now.active),
                deferred: f.number(now.deferred),
                hold: f.number(now.hold),
              })}
            </span>
          </div>
        )}
        {o && o.bounces > 0 && <p className="mt-1 text-xs text-slate-500">{t('dashboard.bounces.hint', { bounces: o.bounces })}</p>}
        {p && (
          <figure className="mt-3">
            <ChartFrame w={W} h={H} yMax={p.yMax} from={p.from} to={p.to} label={t('dashboard.queue.title')}>
              <path d={p.area} className="fill-brand-100" />
              <path d={p.total} className="fill-none stroke-brand-600" strokeWidth="2" vectorEffect="non-scaling-stroke" />
              <path d={p.hold} className="fill-none stroke-amber-500" strokeWidth="1.5" strokeDasharray="4 3" vectorEffect="non-scaling-stroke" />
            </ChartFrame>
            <figcaption className="text-xs text-slate-500">
              <span className="mr-1 inline-block h-2 w-3 rounded-sm bg-brand-600 align-middle" /> {t('dashboard.queue.legendTotal')}
              <span className="mr-1 ml-4 inline-block h-0.5 w-3 bg-amber-500 align-middle" /> {t('dashboard.queue.legendHold')} · {source}
            </figcaption>
          </figure>
        )}
        {!p && <p className="mt-3 text-xs text-slate-500">{view.history.points.length === 1 ? t('dashboard.queue.historyOne') : source}</p>}
        {view.history.note && <p className="mt-1 text-xs text-amber-700">{view.history.note}</p>}
        <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3 text-sm">
          {s.status === 'running' && s.mode === 'full' ? (
            <span className="text-slate-600">{t('dashboard.queue.scanning', { seen: f.number(s.seen) })}</span>
          ) : !view.queue.indexed ? (
            <>
              <span className="text-slate-600">
                {view.queue.canScan ? t('dashboard.queue.notIndexed', { host: view.host }) : t('dashboard.queue.notIndexedAskAdmin', { host: view.host })}
              </span>
              {view.queue.canScan && (
                <Button kind="primary" disabled={scan.isPending} onClick={() => scan.mutate()} data-testid="scan-queue">
                  {t('dashboard.queue.scan')}
                </Button>
              )}
            </>
          ) : (
            <span className="text-xs text-slate-500">
              {s.status === 'running'
                ? t('dashboard.queue.refreshing')
                : t('dashboard.queue.scanned', { count: s.indexed, ago: s.finishedAt ? f.duration(secondsSince(s.finishedAt)) : '—' })}
            </span>
          )}
          {scan.isError && <span className="text-red-700">{(scan.error as Error).message}</span>}
        </div>
      </div>
    </Card>
  );
}

/** How long ago a scan finished; the card re-renders with each 30 s refresh. */
function secondsSince(iso: string): number {
  return Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
}
