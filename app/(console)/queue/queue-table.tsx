'use client';

import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/core';
import type { SortKey } from '@/lib/queue/schemas';
import type { QueueListResponse } from '@/lib/queue/types';
import { ForgedBadge } from './forged-badge';
import { epochMs, nowSeconds } from './queue-format';
import type { QueueView } from './queue-view';
import type { QueueSelection } from './use-queue-selection';

// The message table: server-side sort (click a sortable header) and paging.
// From md up a table that scrolls inside its own panel; below, one stacked
// row per message.

type Row = QueueListResponse['rows'][number];

// Age is the reverse of arrival: "age descending" lists the oldest first.
const COLUMNS: { key: string; sort?: SortKey; className?: string; reversed?: boolean }[] = [
  { key: 'id' },
  { key: 'arrival', sort: 'arrival', reversed: true },
  { key: 'size', sort: 'size', className: 'text-right whitespace-nowrap' },
  { key: 'sender', sort: 'sender' },
  { key: 'clientIp' },
  { key: 'recipients', sort: 'recipients', className: 'text-right whitespace-nowrap' },
  { key: 'reason', className: 'w-full min-w-32 whitespace-normal' },
];

type Props = {
  host: string;
  data: QueueListResponse;
  view: QueueView;
  pageSize: number;
  emptyText: string;
  loading: boolean;
  onSort: (key: SortKey, order?: 'asc' | 'desc') => void;
  onPage: (page: number) => void;
  /** Row checkboxes for queue actions (action-bar.tsx). */
  selection?: QueueSelection;
  /** The list's query string, so the message page can lead back to this view. */
  backQuery?: string;
};

export function messageHref(host: string, id: string, backQuery?: string) {
  const p = new URLSearchParams({ host });
  if (backQuery) p.set('from', backQuery);
  return `/queue/${id}?${p}`;
}

export function QueueTable({ host, data, view, pageSize, emptyText, loading, onSort, onPage, selection, backQuery }: Props) {
  const { t, f } = useT();
  const now = nowSeconds();
  const pages = Math.max(1, Math.ceil(data.total / pageSize));
  const arrow = (c: (typeof COLUMNS)[number]) => {
    if (view.sort !== c.sort) return '';
    const asc = (view.order === 'asc') !== !!c.reversed;
    return asc ? ' ▲' : ' ▼';
  };
  const ariaSort = (c: (typeof COLUMNS)[number]) => {
    if (!c.sort || view.sort !== c.sort) return undefined;
    return (view.order === 'asc') !== !!c.reversed ? 'ascending' : 'descending';
  };
  const age = (r: Row) => (
    <time dateTime={new Date(r.arrival * 1000).toISOString()} title={f.dateTime(epochMs(r.arrival))}>
      {f.duration(now - r.arrival)}
    </time>
  );
  const check = (r: Row) =>
    selection && (
      <input
        type="checkbox"
        className="h-4 w-4"
        aria-label={t('queueActions.selectRow', { id: r.id })}
        checked={selection.allMatching || selection.ids.has(r.id)}
        onChange={() => selection.toggle(r.id)}
      />
    );
  const sender = (r: Row) => (r.sender === '' ? t('queue.nullSender') : r.sender);

  return (
    <section className="min-w-0 rounded-xl border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between gap-2 border-b border-slate-100 px-4 py-2 text-sm">
        <span className="text-slate-600" data-testid="queue-total">
          {t('queue.total', { count: data.total })}
        </span>
        {loading && <span className="text-xs text-slate-400">{t('common.loading')}</span>}
        {/* Sorting without the table's headers. */}
        <label className="flex items-center gap-1 text-xs text-slate-500 md:hidden">
          <select
            aria-label={t('queue.sortBy')}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
            value={`${view.sort}:${view.order}`}
            onChange={(e) => {
              const [sort, order] = e.target.value.split(':') as [SortKey, 'asc' | 'desc'];
              onSort(sort, order);
            }}
          >
            <option value="arrival:asc">{t('queue.sort.oldest')}</option>
            <option value="arrival:desc">{t('queue.sort.newest')}</option>
            <option value="size:desc">{t('queue.sort.largest')}</option>
            <option value="recipients:desc">{t('queue.sort.mostRecipients')}</option>
            <option value="sender:asc">{t('queue.sort.sender')}</option>
          </select>
        </label>
      </header>

      <ul className="divide-y divide-slate-100 md:hidden" data-testid="queue-list">
        {data.rows.map((r) => (
          <li key={r.id} className="flex gap-3 px-4 py-2.5 text-xs">
            {selection && <div className="pt-0.5">{check(r)}</div>}
            <div className="min-w-0 flex-1 space-y-0.5">
              <div className="flex items-center gap-2">
                <Link className="font-mono text-sm text-brand-700 hover:underline" href={messageHref(host, r.id, backQuery)}>
                  {r.id}
                </Link>
                <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600" title={r.queue}>
                  {f.queue(r.queue)}
                </span>
                <span className="ml-auto shrink-0 text-slate-500">
                  {age(r)} · {f.size(r.size)}
                </span>
              </div>
              <div className="flex min-w-0 items-center">
                <span className="truncate font-mono" title={r.sender}>
                  {sender(r)}
                </span>
                {r.forged && <ForgedBadge />}
              </div>
              <div className="flex min-w-0 gap-2 font-mono text-slate-500">
                <span className="truncate">{r.saslUser ?? '—'}</span>
                <span className="shrink-0">{r.clientIp ?? '—'}</span>
                <span className="ml-auto shrink-0 font-sans" title={t('queue.col.recipients')}>
                  → {r.recipients}
                </span>
              </div>
              {r.reason && (
                <div className="truncate text-slate-500" title={r.reason}>
                  {r.reason}
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>

      <div className="hidden overflow-x-auto md:block">
        <table className="w-full text-left text-xs" data-testid="queue-table">
          <thead className="bg-slate-50 text-[11px] uppercase tracking-wide text-slate-500">
            <tr>
              {selection && (
                <th className="w-8 px-3 py-2">
                  <input
                    type="checkbox"
                    aria-label={t('queueActions.selectPage')}
                    checked={selection.allMatching || (data.rows.length > 0 && data.rows.every((r) => selection.ids.has(r.id)))}
                    onChange={(e) =>
                      selection.setPage(
                        data.rows.map((r) => r.id),
                        e.target.checked,
                      )
                    }
                  />
                </th>
              )}
              {COLUMNS.map((c) => (
                <th key={c.key} className={`px-3 py-2 font-medium ${c.className ?? 'whitespace-nowrap'}`} aria-sort={ariaSort(c)}>
                  {c.sort ? (
                    <button type="button" className="uppercase hover:text-slate-800" onClick={() => onSort(c.sort!)}>
                      {t(`queue.col.${c.key}` as MessageKey)}
                      {arrow(c)}
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
                {selection && <td className="px-3 py-1.5">{check(r)}</td>}
                <td className="px-3 py-1.5 whitespace-nowrap">
                  <Link className="font-mono text-brand-700 hover:underline" href={messageHref(host, r.id, backQuery)}>
                    {r.id}
                  </Link>
                  <div className="text-[11px] text-slate-500" title={r.queue}>
                    {f.queue(r.queue)}
                  </div>
                </td>
                <td className="px-3 py-1.5 whitespace-nowrap">{age(r)}</td>
                <td className="px-3 py-1.5 text-right tabular-nums whitespace-nowrap">{f.size(r.size)}</td>
                <td className="px-3 py-1.5">
                  <div className="flex max-w-52 items-center gap-1 whitespace-nowrap 2xl:max-w-72">
                    <span className="truncate font-mono" title={r.sender}>
                      {sender(r)}
                    </span>
                    {r.forged && <ForgedBadge />}
                  </div>
                  <div
                    className="max-w-52 truncate font-mono text-[11px] text-slate-500 2xl:max-w-72"
                    title={`${t('queue.col.saslUser')}: ${r.saslUser ?? '—'}`}
                  >
                    {r.saslUser ?? '—'}
                  </div>
                </td>
                <td className="px-3 py-1.5 font-mono whitespace-nowrap">{r.clientIp ?? '—'}</td>
                <td className="px-3 py-1.5 text-right tabular-nums" title={r.recipientDomains.map((d) => `${d.domain} ×${d.count}`).join(', ')}>
                  {r.recipients}
                </td>
                {/* max-w-0 + w-full: the reason takes what is left and truncates, never widening the table. */}
                <td className="max-w-0 truncate px-3 py-1.5 text-slate-600" title={r.reason ?? ''}>
                  {r.reason ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.rows.length === 0 && <p className="py-10 text-center text-sm text-slate-500">{emptyText}</p>}
      <footer className="flex items-center justify-end gap-3 border-t border-slate-100 px-4 py-2 text-sm">
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-40"
          disabled={view.page <= 1}
          onClick={() => onPage(view.page - 1)}
        >
          {t('common.previous')}
        </button>
        <span className="text-slate-500">{t('common.page', { page: view.page, pages })}</span>
        <button
          type="button"
          className="rounded-md border border-slate-300 px-3 py-1.5 disabled:opacity-40"
          disabled={view.page >= pages}
          onClick={() => onPage(view.page + 1)}
        >
          {t('common.next')}
        </button>
      </footer>
    </section>
  );
}
