'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import { auditKeys } from '@/lib/audit/keys';
import type { AuditRow } from '@/lib/audit/query';
import { fetchJson } from '@/lib/query/fetch-json';

const PAGE_SIZE = 50;

export function AuditScreen() {
  const { t } = useT();
  const [filters, setFilters] = useState({ actor: '', action: '', target: '', ok: '' });
  const [page, setPage] = useState(1);
  const params = new URLSearchParams(
    Object.entries({ ...filters, page: String(page), pageSize: String(PAGE_SIZE) }).filter(([, v]) => v !== ''),
  );
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
  const input = 'rounded-md border border-slate-300 px-2 py-1.5 text-sm';

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        actions={
          <>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" href={`/api/audit?${exportParams}&format=csv`}>{t('audit.export.csv')}</a>
            <a className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-50" href={`/api/audit?${exportParams}&format=json&download=1`}>{t('audit.export.json')}</a>
          </>
        }
      />
      <Card>
        <div className="mb-4 flex flex-wrap gap-3">
          <input aria-label={t('audit.filter.actor')} placeholder={t('audit.filter.actor')} className={input} value={filters.actor} onChange={set('actor')} />
          <input aria-label={t('audit.filter.action')} placeholder={t('audit.filter.action')} className={input} value={filters.action} onChange={set('action')} />
          <input aria-label={t('audit.filter.target')} placeholder={t('audit.filter.target')} className={input} value={filters.target} onChange={set('target')} />
          <select aria-label={t('audit.filter.result')} className={input} value={filters.ok} onChange={set('ok')}>
            <option value="">{t('audit.filter.result')}: {t('audit.filter.any')}</option>
            <option value="true">{t('audit.filter.ok')}</option>
            <option value="false">{t('audit.filter.failed')}</option>
          </select>
          <span className="ml-auto self-center text-sm text-slate-500">{t('audit.total', { count: query.data?.total ?? 0 })}</span>
        </div>
        {query.isError ? (
          <p className="text-sm text-red-600">{(query.error as Error).message}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="audit-table">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {(['time', 'actor', 'action', 'target', 'host', 'result', 'ip'] as const).map((c) => (
                    <th key={c} className="pb-2 pr-4 font-medium">{t(`audit.col.${c}`)}</th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {query.data?.rows.map((r) => (
                  <tr key={r.id} className="align-top">
                    <td className="py-2 pr-4 font-mono text-xs whitespace-nowrap text-slate-500">{new Date(r.at).toLocaleString()}</td>
                    <td className="py-2 pr-4">{r.actor}</td>
                    <td className="py-2 pr-4 font-medium">{r.action}</td>
                    <td className="py-2 pr-4 break-all">{r.target}</td>
                    <td className="py-2 pr-4">{r.host}</td>
                    <td className="py-2 pr-4">
                      <span className={r.ok ? 'text-emerald-700' : 'text-red-700'}>{r.ok ? t('audit.filter.ok') : t('audit.filter.failed')}</span>
                      {r.error && <div className="text-xs text-slate-500">{r.error}</div>}
                    </td>
                    <td className="py-2 pr-4 font-mono text-xs">{r.clientIp}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {query.data?.rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500">{t('audit.empty')}</p>}
          </div>
        )}
        <div className="mt-4 flex items-center justify-end gap-3 text-sm">
          <button className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>{t('common.previous')}</button>
          <span className="text-slate-500">{t('common.page', { page, pages })}</span>
          <button className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>{t('common.next')}</button>
        </div>
      </Card>
    </>
  );
}
