'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'next/navigation';
import { Fragment, useEffect, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/page-header';
import { auditKeys } from '@/lib/audit/keys';
import type { AuditRow } from '@/lib/audit/query';
import { fetchJson } from '@/lib/query/fetch-json';
import { actionLabel } from './action-label';

const PAGE_SIZE = 50;
const FILTERS = ['actor', 'action', 'target', 'ok'] as const;

/** A target (an address, a filter) that may wrap after @, dots and separators, never inside a word. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[@.,=&/])/);
  return (
    <>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

export function AuditScreen() {
  const { t, f } = useT();
  const search = useSearchParams();
  // Filters and page live in the URL: a link or a reload shows the same entries.
  const [filters, setFilters] = useState(() => Object.fromEntries(FILTERS.map((k) => [k, search.get(k) ?? ''])) as Record<(typeof FILTERS)[number], string>);
  const [page, setPage] = useState(() => Math.max(1, Number(search.get('page')) || 1));
  const shown = new URLSearchParams(Object.entries({ ...filters, page: page > 1 ? String(page) : '' }).filter(([, v]) => v !== '')).toString();
  useEffect(() => {
    window.history.replaceState(null, '', shown ? `?${shown}` : window.location.pathname);
  }, [shown]);
  const params = new URLSearchParams(Object.entries({ ...filters, page: String(page), pageSize: String(PAGE_SIZE) }).filter(([, v]) => v !== ''));
  const query = useQuery({
    queryKey: auditKeys.list({ ...filters, page }),
    queryFn: () => fetchJson<{ total: number; rows: AuditRow[] }>(`/api/audit?${params}`),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));
  const exportParams = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== ''));
  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => {
    setFilters((f) => ({ ...f, [key]: e.target.value }));
    setPage(1);
  };
  const input = 'min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm';

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <>
            <a className={buttonClass} href={`/api/audit?${exportParams}&format=csv`}>
              {t('audit.export.csv')}
            </a>
            <a className={buttonClass} href={`/api/audit?${exportParams}&format=json&download=1`}>
              {t('audit.export.json')}
            </a>
          </>
        }
      />
      <Card>
        <div className="mb-4 grid grid-cols-2 gap-2 sm:flex sm:flex-wrap sm:gap-3">
          <input aria-label={t('audit.filter.actor')} placeholder={t('audit.filter.actor')} className={input} value={filters.actor} onChange={set('actor')} />
          <input
            aria-label={t('audit.filter.action')}
            placeholder={t('audit.filter.action')}
            className={input}
            value={filters.action}
            onChange={set('action')}
          />
          <input
            aria-label={t('audit.filter.target')}
            placeholder={t('audit.filter.target')}
            className={input}
            value={filters.target}
            onChange={set('target')}
          />
          <select aria-label={t('audit.filter.result')} className={input} value={filters.ok} onChange={set('ok')}>
            <option value="">
              {t('audit.filter.result')}: {t('audit.filter.any')}
            </option>
            <option value="true">{t('audit.filter.ok')}</option>
            <option value="false">{t('audit.filter.failed')}</option>
          </select>
          <span className="col-span-2 self-center text-sm text-slate-500 sm:ml-auto">{t('audit.total', { count: query.data?.total ?? 0 })}</span>
        </div>
        {query.isError ? (
          <p className="text-sm text-red-600">{(query.error as Error).message}</p>
        ) : (
          <div className="md:overflow-x-auto">
            <table className="stack-table w-full text-left text-sm" data-testid="audit-table">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {(['time', 'actor', 'action', 'target', 'host', 'result', 'ip'] as const).map((c) => (
                    <th key={c} className="pb-2 pr-4 font-medium whitespace-nowrap">
                      {t(`audit.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {query.data?.rows.map((r) => (
                  <tr key={r.id} className="align-top">
                    <td className="py-2 pr-4 text-xs whitespace-nowrap text-slate-500 tabular-nums">
                      <time dateTime={r.at}>{f.dateTime(r.at)}</time>
                    </td>
                    <td className="py-2 pr-4 md:whitespace-nowrap" data-label={t('audit.col.actor')}>
                      {r.actor}
                      {r.tokenId && (
                        <span className="block text-xs text-slate-500" data-testid="audit-token">
                          {t('audit.viaToken', { id: r.tokenId })}
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-4" data-label={t('audit.col.action')}>
                      <span className="font-medium">{actionLabel(t, r.action)}</span>
                      <code className="block text-[11px] text-slate-400">{r.action}</code>
                    </td>
                    <td className="py-2 pr-4 break-words md:min-w-40" data-label={t('audit.col.target')}>
                      {r.target ? <Breakable text={r.target} /> : null}
                    </td>
                    <td className="py-2 pr-4" data-label={t('audit.col.host')}>
                      {r.host}
                    </td>
                    <td className="py-2 pr-4" data-label={t('audit.col.result')}>
                      <span className={r.ok ? 'text-emerald-700' : 'text-red-700'}>{r.ok ? t('audit.filter.ok') : t('audit.filter.failed')}</span>
                      {r.error && <div className="max-w-xs text-xs text-slate-500 [overflow-wrap:anywhere]">{r.error}</div>}
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs" data-label={t('audit.col.ip')}>
                      {r.clientIp}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {query.data?.rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500">{t('audit.empty')}</p>}
          </div>
        )}
        <div className="mt-4 flex items-center justify-end gap-3 text-sm">
          <button className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('common.previous')}
          </button>
          <span className="text-slate-500">{t('common.page', { page, pages })}</span>
          <button className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('common.next')}
          </button>
        </div>
      </Card>
    </>
  );
}
