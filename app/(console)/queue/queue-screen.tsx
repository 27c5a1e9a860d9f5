'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import { queueListQuery } from '@/lib/queue/client';
import type { QueueFilter } from '@/lib/queue/schemas';
import { ActionBar } from './action-bar';
import { ActiveFilters, FacetPanels } from './facet-panels';
import { QueueTable } from './queue-table';
import type { QueueView } from './queue-view';
import { ScanBar, useScan } from './scan-bar';
import { useQueueSelection } from './use-queue-selection';

// The queue of one host: scan controls, facets on the left, the message
// table on the right. Everything the view shows is in the URL.

export const PAGE_SIZE = 100;

function viewParams(v: QueueView, withHost: boolean): URLSearchParams {
  const p = new URLSearchParams();
  if (withHost) p.set('host', v.host);
  for (const [k, val] of Object.entries(v.filters)) if (val !== undefined) p.set(k, val);
  if (v.sort !== 'arrival') p.set('sort', v.sort);
  if (v.order !== 'desc') p.set('order', v.order);
  if (v.page > 1) p.set('page', String(v.page));
  return p;
}

export function QueueScreen({ hosts, initial, isAdmin }: { hosts: string[]; initial: QueueView; isAdmin: boolean }) {
  const { t } = useT();
  const [view, setView] = useState<QueueView>(initial);
  const apiParams = viewParams(view, false);
  apiParams.set('pageSize', String(PAGE_SIZE));
  const scan = useScan(view.host);
  const selection = useQueueSelection(`${view.host}?${new URLSearchParams(view.filters as Record<string, string>)}`);
  const list = useQuery({
    ...queueListQuery(view.host, apiParams.toString()),
    placeholderData: keepPreviousData,
    enabled: view.host !== '',
  });

  useEffect(() => {
    window.history.replaceState(null, '', `?${viewParams(view, true)}`);
  }, [view]);

  const update = (patch: Partial<QueueView>) => setView((v) => ({ ...v, page: 1, ...patch }));
  const setFilter = (key: keyof QueueFilter, value: string | undefined) =>
    setView((v) => {
      const filters = { ...v.filters };
      if (value === undefined) delete filters[key];
      else filters[key] = value;
      return { ...v, filters, page: 1 };
    });

  if (hosts.length === 0) {
    return (
      <>
        <PageHeader title={t('queue.title')} subtitle={t('queue.subtitle')} />
        <Card>
          <p className="text-sm text-slate-600">
            {t('queue.noHosts')}{' '}
            <Link className="text-brand-700 underline" href="/hosts">
              {t('queue.addHost')}
            </Link>
          </p>
        </Card>
      </>
    );
  }

  const data = list.data;
  const scanState = scan.state ?? data?.scan;
  const indexed = scanState && scanState.status !== 'never' && !(scanState.status === 'running' && scanState.mode === 'full' && !data?.total);
  const filtered = Object.keys(view.filters).length > 0;

  return (
    <>
      <PageHeader
        title={t('queue.title')}
        subtitle={t('queue.subtitle')}
        actions={
          hosts.length > 1 ? (
            <label className="flex items-center gap-2 text-sm text-slate-600">
              {t('queue.host')}
              <select
                aria-label={t('queue.host')}
                className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                value={view.host}
                onChange={(e) => update({ host: e.target.value, filters: {} })}
              >
                {hosts.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
            </label>
          ) : undefined
        }
      />
      <ScanBar scan={scan} fallback={data?.scan} isAdmin={isAdmin} />
      {list.isError && (
        <p role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
          {(list.error as Error).message}
        </p>
      )}
      {indexed && data && (
        <div className="grid gap-4 lg:grid-cols-[16rem_minmax(0,1fr)] xl:grid-cols-[18rem_minmax(0,1fr)]">
          <FacetPanels facets={data.facets} filters={view.filters} onPick={setFilter} />
          <div className="min-w-0">
            <ActiveFilters filters={view.filters} onRemove={(k) => setFilter(k, undefined)} onClear={() => update({ filters: {} })} />
            <ActionBar host={view.host} filters={view.filters} total={data.total} selection={selection} />
            <QueueTable
              host={view.host}
              data={data}
              view={view}
              pageSize={PAGE_SIZE}
              emptyText={filtered ? t('queue.emptyFiltered') : t('queue.empty')}
              onSort={(sort, order) => update({ sort, order: order ?? (view.sort === sort && view.order === 'desc' ? 'asc' : 'desc') })}
              backQuery={viewParams(view, false).toString()}
              onPage={(page) => setView((v) => ({ ...v, page }))}
              loading={list.isFetching}
              selection={selection}
            />
          </div>
        </div>
      )}
    </>
  );
}
