'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import type { SortKey } from '@/lib/queue/schemas';
import type { QueueSelection } from './action-bar';
import type { QueueListResponse } from '@/lib/queue/types';
import { formatAge, formatSize, formatTime, nowSeconds } from './queue-format';
import type { QueueView } from './queue-screen';

// The message table: server-side sort (click a sortable header) and paging.

const COLUMNS: { key: string; sort?: SortKey; className?: string }[] = [
  { key: 'queue' },
  { key: 'id' },
  { key: 'arrival', sort: 'arrival' },
  { key: 'size', sort: 'size', className: 'text-right' },
  { key: 'sender', sort: 'sender' },
  { key: 'saslUser' },
  { key: 'clientIp' },
  { key: 'recipients', sort: 'recipients', className: 'text-right' },
  { key: 'reason' },
];

export function ForgedBadge() {
  const { t } = useT();
  return <span className="ml-1 shrink-0 rounded bg-red-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase text-red-700" title={t('queue.forgedHint')}>{t('queue.forged')}</span>;
}

type Props = {
  host: string;
  data: QueueListResponse;
  view: QueueView;
  pageSize: number;
  emptyText: string;
  loading: boolean;
  onSort: (key: SortKey) => void;
  onPage: (page: number) => void;
  /** Row checkboxes for queue actions (action-bar.tsx). */
  selection?: QueueSelection;
};

export function QueueTable({ host, data, view, pageSize, emptyText, loading, onSort, onPage, selection }: Props) {
  const { t } = useT();
  const now = nowSeconds();
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  return (
    <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between border-b border-slate-100 px-4 py-2 text-sm">
        <span className="text-slate-600" data-testid="queue-total">{t('queue.total', { count: data.total.toLocaleString() })}</span>
        {loading && <span className="text-xs text-slate-400">{t('common.loading')}</span>}
      </header>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-xs" data-testid="queue-table">
          <thead className="bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
            <tr>
              {selection && (
                <th className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t('queueActions.selectPage')}
                    checked={selection.allMatching || (data.rows.length > 0 && data.rows.every((r) => selection.ids.has(r.id)))}
                    onChange={(e) => selection.setPage(data.rows.map((r) => r.id), e.target.checked)}
                  />
                </th>
              )}
              {COLUMNS.map((c) => (
                <th key={c.key} className={`px-3 py-2 font-medium whitespace-nowrap ${c.className ?? ''}`} aria-sort={c.sort && view.sort === c.sort ? (view.order === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.sort ? (
                    <button type="button" className="uppercase hover:text-slate-800" onClick={() => onSort(c.sort!)}>
                      {t(`queue.col.${c.key}` as MessageKey)}
                      {view.sort === c.sort ? (view.order === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : (
                    t(`queue.col.${c.key}` as MessageKey)
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {data.rows.map((r) => (
              <tr key={r.id} className="align-top hover:bg-slate-50">
                {selection && (
                  <td className="px-3 py-1.5">
                    <input type="checkbox" aria-label={t('queueActions.selectRow', { id: r.id })} checked={selection.allMatching || selection.ids.has(r.id)} onChange={() => selection.toggle(r.id)} />
                  </td>
                )}
                <td className="px-3 py-1.5 text-slate-500">{r.queue}</td>
                <td className="px-3 py-1.5 font-mono">
                  <Link className="text-brand-700 hover:underline" href={`/queue/${r.id}?host=${encodeURIComponent(host)}`}>{r.id}</Link>
                </td>
                <td className="px-3 py-1.5 whitespace-nowrap" title={formatTime(r.arrival)}>{formatAge(now - r.arrival)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums whitespace-nowrap">{formatSize(r.size)}</td>
                <td className="px-3 py-1.5">
                  <div className="flex max-w-64 items-center gap-1 whitespace-nowrap">
                    <span className="truncate font-mono" title={r.sender}>{r.sender === '' ? t('queue.nullSender') : r.sender}</span>
                    {r.forged && <ForgedBadge />}
                  </div>
                </td>
                <td className="max-w-48 truncate px-3 py-1.5 font-mono whitespace-nowrap" title={r.saslUser ?? ''}>{r.saslUser ?? '—'}</td>
                <td className="px-3 py-1.5 font-mono whitespace-nowrap">{r.clientIp ?? '—'}</td>
                <td className="px-3 py-1.5 text-right tabular-nums" title={r.recipientDomains.map((d) => `${d.domain} ×${d.count}`).join(', ')}>{r.recipients}</td>
                <td className="max-w-64 truncate px-3 py-1.5 whitespace-nowrap text-slate-600" title={r.reason ?? ''}>{r.reason ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.rows.length === 0 && <p className="py-10 text-center text-sm text-slate-500">{emptyText}</p>}
      </div>
      <footer className="flex items-center justify-end gap-3 border-t border-slate-100 px-4 py-2 text-sm">
        <button type="button" className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={view.page <= 1} onClick={() => onPage(view.page - 1)}>{t('common.previous')}</button>
        <span className="text-slate-500">{t('common.page', { page: view.page, pages })}</span>
        <button type="button" className="rounded-md border border-slate-300 px-3 py-1 disabled:opacity-40" disabled={view.page >= pages} onClick={() => onPage(view.page + 1)}>{t('common.next')}</button>
      </footer>
    </section>
  );
}
