'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Stat } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import { dashboardKeys } from '@/lib/dashboard/keys';
import type { DashboardResponse, SuspectsResponse } from '@/lib/dashboard/types';
import { fetchJson } from '@/lib/query/fetch-json';
import { DashboardQueue } from './dashboard-queue';
import { DashboardRecent, type RecentAction } from './dashboard-recent';
import { DashboardSuspects } from './dashboard-suspects';
import { DashboardBlocks, DashboardTops } from './dashboard-tops';

// The first screen of a bad day: is something wrong, who is it, where to
// click. Per host or all hosts; refreshed every 30 s while open.

type Summary = { mailboxes: number; inactive: number; domains: number; hosts: number | null; recent: RecentAction[] };

const REFRESH_MS = 30_000;
const pct = (a: number, b: number) => (b ? Math.round((a / b) * 100) : 0);

export function DashboardScreen({ summary, initialHost }: { summary: Summary; initialHost: string }) {
  const { t, f } = useT();
  const router = useRouter();
  const [host, setHost] = useState(initialHost);
  const overview = useQuery({
    queryKey: dashboardKeys.overview(host),
    queryFn: () => fetchJson<DashboardResponse>(`/api/dashboard?${new URLSearchParams({ host })}`),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const suspects = useQuery({
    queryKey: dashboardKeys.suspects(host),
    queryFn: () => fetchJson<SuspectsResponse>(`/api/incidents/suspects?${new URLSearchParams({ host })}`),
    refetchInterval: REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const choose = (h: string) => {
    setHost(h);
    router.replace(h === 'all' ? '/' : `/?${new URLSearchParams({ host: h })}`, { scroll: false });
  };
  const views = overview.data?.overviews ?? [];
  const total = views.reduce((n, v) => n + (v.queue.overview?.total ?? v.history.points.at(-1)?.total ?? 0), 0);
  const authenticated = views.reduce((n, v) => n + (v.queue.overview?.authenticated ?? 0), 0);
  const forged = views.reduce((n, v) => n + (v.queue.overview?.forged ?? 0), 0);
  const blocked = new Set(views.flatMap((v) => (v.blocks.ok ? v.blocks.blockedSites.map((s) => `${v.host}/${s}`) : [])));
  // The same list the suspects card shows as rows: the count and the rows cannot disagree.
  const strong = suspects.data?.suspects.length ?? 0;
  const hosts = overview.data?.hosts ?? [];

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={t('dashboard.subtitle')}
        actions={
          hosts.length > 0 && (
            <label className="flex items-center gap-2 text-sm text-slate-600">
              {t('dashboard.host')}
              <select
                aria-label={t('dashboard.host')}
                className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
                value={host}
                onChange={(e) => choose(e.target.value)}
              >
                <option value="all">{t('dashboard.allHosts')}</option>
                {hosts.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          )
        }
      />
      {overview.isError && (
        <p role="alert" className="mb-4 rounded-md bg-red-50 px-4 py-2 text-sm text-red-700">
          {t('dashboard.error', { message: (overview.error as Error).message })}
        </p>
      )}
      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
        <Stat
          label={t('dashboard.queue.total')}
          value={overview.data ? f.number(total) : '…'}
          tone={total > 1000 ? 'danger' : 'default'}
          hint={`${t('dashboard.mailboxCount', { count: summary.mailboxes })} · ${t('dashboard.domainCount', { count: summary.domains })}`}
        />
        <Stat
          label={t('dashboard.forged.title')}
          value={authenticated ? `${pct(forged, authenticated)}%` : '—'}
          tone={forged > 0 ? 'danger' : authenticated ? 'ok' : 'default'}
          hint={
            authenticated ? t('dashboard.forged.hint', { forged: f.number(forged), authenticated: f.number(authenticated) }) : t('dashboard.forged.unknown')
          }
        />
        <Stat label={t('dashboard.suspects.stat')} value={suspects.data ? f.number(strong) : '…'} tone={strong ? 'danger' : 'ok'} />
        <Stat label={t('dashboard.blocks.stat')} value={overview.data ? blocked.size : '…'} tone={blocked.size ? 'danger' : 'ok'} />
      </div>
      <div className="mt-6">
        <DashboardSuspects query={suspects} />
      </div>
      <div className="mt-6 grid gap-4 sm:gap-6 lg:grid-cols-2">
        {views.map((v) => (
          <DashboardQueue key={v.host} view={v} showHost={views.length > 1 || host === 'all'} />
        ))}
        {views.map((v) => (
          <DashboardTops key={`tops-${v.host}`} view={v} showHost={views.length > 1 || host === 'all'} />
        ))}
        {views.map((v) => (
          <DashboardBlocks key={`blocks-${v.host}`} view={v} showHost={views.length > 1 || host === 'all'} />
        ))}
        <DashboardRecent recent={summary.recent} />
      </div>
    </>
  );
}
