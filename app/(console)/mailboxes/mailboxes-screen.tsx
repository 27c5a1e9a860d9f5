'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button, buttonClass } from '@/components/ui/button';
import { fieldClass } from '@/components/ui/field';
import { PageHeader } from '@/components/page-header';
import type { MessageKey } from '@/lib/i18n/core';
import type { MailboxActivity } from '@/lib/mailboxes/activity-schema';
import { mailboxKeys } from '@/lib/mailboxes/keys';
import { DISABLE_FLAGS, SORT_FIELDS, type MailboxList, type SortField } from '@/lib/mailboxes/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { DateText, QuotaText, StatusBadge } from './mailbox-format';

const PAGE_SIZE = 50;
const FILTERS = ['q', 'domain', 'status', 'flag', 'expired', 'sort', 'order', 'page'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;
const EMPTY: Filters = { q: '', domain: '', status: '', flag: '', expired: '', sort: 'username', order: 'asc', page: '1' };

/** Waits for typing to pause, so a search is one request, not one per key. */
function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** isAdmin: the weak-password sweep is for administrators only (its page and API refuse a postmaster), so only they see its link. */
export function MailboxesScreen({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useT();
  const search = useSearchParams();
  // Filters live in the URL, so "back" from a mailbox returns to the same list.
  const [filters, setFilters] = useState<Filters>(() => ({
    ...EMPTY,
    ...Object.fromEntries(FILTERS.flatMap((k) => (search.get(k) ? [[k, search.get(k)!]] : []))),
  }));
  const typed = useDebounced({ q: filters.q, domain: filters.domain }, 250);
  const effective = { ...filters, ...typed };
  const params = new URLSearchParams(Object.entries({ ...effective, pageSize: String(PAGE_SIZE) }).filter(([, v]) => v !== ''));

  const shown = new URLSearchParams(Object.entries(effective).filter(([k, v]) => v !== '' && v !== EMPTY[k as keyof Filters])).toString();
  // Once a row's link was clicked the page is leaving: rewriting the URL now
  // (a search still settling) would cancel that navigation.
  const leaving = useRef(false);
  useEffect(() => {
    if (leaving.current) return;
    window.history.replaceState(null, '', shown ? `?${shown}` : window.location.pathname);
  }, [shown]);

  const query = useQuery({
    queryKey: mailboxKeys.list(effective),
    queryFn: () => fetchJson<MailboxList>(`/api/mailboxes?${params}`),
    placeholderData: keepPreviousData,
  });
  // Queued mail and last login of the rows shown, asked for once the page is known.
  const usernames = query.data?.rows.map((r) => r.username) ?? [];
  const activity = useQuery({
    queryKey: [...mailboxKeys.lists(), 'activity', usernames],
    queryFn: () =>
      fetchJson<{ activity: Record<string, MailboxActivity> }>(`/api/mailboxes/activity?${new URLSearchParams(usernames.map((u) => ['u', u]))}`).then(
        (r) => r.activity,
      ),
    enabled: usernames.length > 0,
    placeholderData: keepPreviousData,
  });
  const page = Number(filters.page) || 1;
  const pages = Math.max(1, Math.ceil((query.data?.total ?? 0) / PAGE_SIZE));
  const set = (key: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [key]: e.target.value, page: '1' }));
  const sortBy = (field: SortField) => setFilters((f) => ({ ...f, sort: field, order: f.sort === field && f.order === 'asc' ? 'desc' : 'asc', page: '1' }));
  const columns: { key: SortField | 'status' | 'flags' | 'queued' | 'lastLogin'; label: MessageKey }[] = [
    { key: 'username', label: 'mailboxes.col.username' },
    { key: 'name', label: 'mailboxes.col.name' },
    { key: 'domain', label: 'mailboxes.col.domain' },
    { key: 'status', label: 'mailboxes.col.status' },
    { key: 'quota', label: 'mailboxes.col.quota' },
    { key: 'createdate', label: 'mailboxes.col.createdate' },
    { key: 'expiredate', label: 'mailboxes.col.expiredate' },
    { key: 'queued', label: 'mailboxes.col.queued' },
    { key: 'lastLogin', label: 'mailboxes.col.lastLogin' },
    { key: 'flags', label: 'mailboxes.col.flags' },
  ];
  const label = (key: (typeof columns)[number]['key']) => t(columns.find((c) => c.key === key)!.label);

  return (
    <>
      <PageHeader
        title={t('mailboxes.title')}
        subtitle={t('mailboxes.subtitle')}
        actions={
          isAdmin && (
            <Link className={buttonClass} href="/mailboxes/weak-passwords" data-testid="weak-passwords-link">
              {t('weak.link')}
            </Link>
          )
        }
      />
      <Card>
        <div className="mb-4 grid grid-cols-2 items-center gap-2 sm:flex sm:flex-wrap sm:gap-3">
          <input
            type="search"
            aria-label={t('mailboxes.search.label')}
            placeholder={t('mailboxes.search.placeholder')}
            className={`${fieldClass} col-span-2 min-w-0 sm:w-64`}
            value={filters.q}
            onChange={set('q')}
          />
          <input
            aria-label={t('mailboxes.filter.domain')}
            placeholder={t('mailboxes.filter.domain')}
            className={`${fieldClass} min-w-0 sm:w-40`}
            value={filters.domain}
            onChange={set('domain')}
          />
          <select aria-label={t('mailboxes.filter.status')} className={`${fieldClass} min-w-0`} value={filters.status} onChange={set('status')}>
            <option value="">
              {t('mailboxes.filter.status')}: {t('mailboxes.filter.any')}
            </option>
            <option value="active">{t('mailboxes.status.active')}</option>
            <option value="inactive">{t('mailboxes.status.inactive')}</option>
          </select>
          <select aria-label={t('mailboxes.filter.flag')} className={`${fieldClass} min-w-0`} value={filters.flag} onChange={set('flag')}>
            <option value="">
              {t('mailboxes.filter.flag')}: {t('mailboxes.filter.any')}
            </option>
            {DISABLE_FLAGS.map((f) => (
              <option key={f} value={f}>
                {t(`mailboxes.flag.${f}`)}
              </option>
            ))}
          </select>
          <select aria-label={t('mailboxes.filter.expired')} className={`${fieldClass} min-w-0`} value={filters.expired} onChange={set('expired')}>
            <option value="">
              {t('mailboxes.filter.expired')}: {t('mailboxes.filter.any')}
            </option>
            <option value="true">{t('mailboxes.filter.expiredYes')}</option>
            <option value="false">{t('mailboxes.filter.expiredNo')}</option>
          </select>
          <Button onClick={() => setFilters(EMPTY)}>{t('mailboxes.filter.reset')}</Button>
          <span className="col-span-2 text-sm text-slate-500 sm:ml-auto" data-testid="mailboxes-total" title={t('mailboxes.activityHint')}>
            {t('mailboxes.total', { count: query.data?.total ?? 0 })}
          </span>
        </div>
        {query.isError ? (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
            {t('mailboxes.loadError', { message: (query.error as Error).message })}
          </p>
        ) : (
          <div className="md:overflow-x-auto" onClickCapture={(e) => (leaving.current ||= (e.target as HTMLElement).closest('a') !== null)}>
            <table className="stack-table w-full text-left text-sm" data-testid="mailboxes-table">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  {columns.map((c) => (
                    <th
                      key={c.key}
                      className={`pb-2 pr-4 font-medium whitespace-nowrap ${c.key === 'queued' ? 'text-right' : ''}`}
                      aria-sort={filters.sort === c.key ? (filters.order === 'asc' ? 'ascending' : 'descending') : undefined}
                    >
                      {(SORT_FIELDS as readonly string[]).includes(c.key) ? (
                        <button
                          type="button"
                          className="uppercase hover:text-slate-800"
                          title={t('mailboxes.sortBy', { column: t(c.label) })}
                          onClick={() => sortBy(c.key as SortField)}
                        >
                          {t(c.label)}
                          {filters.sort === c.key && <span aria-hidden> {filters.order === 'asc' ? '▲' : '▼'}</span>}
                        </button>
                      ) : (
                        t(c.label)
                      )}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {query.data?.rows.map((r) => (
                  <tr key={r.username} className="align-top hover:bg-slate-50">
                    <td className="py-2 pr-4">
                      <Link className="font-medium text-brand-700 hover:underline" href={`/mailboxes/${encodeURIComponent(r.username)}`}>
                        {r.username}
                      </Link>
                    </td>
                    <td className="py-2 pr-4" data-label={label('name')}>
                      {r.name}
                    </td>
                    <td className="py-2 pr-4 text-slate-600" data-label={label('domain')}>
                      {r.domain}
                    </td>
                    <td className="py-2 pr-4" data-label={label('status')}>
                      <StatusBadge active={r.active} />
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap" data-label={label('quota')}>
                      <QuotaText raw={r.quota} />
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap" data-label={label('createdate')}>
                      <DateText date={r.createdate} dateOnly zero="unknown" />
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap" data-label={label('expiredate')}>
                      <DateText date={r.expiredate} dateOnly />
                      {r.expired && <span className="ml-1 rounded bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-800">{t('mailboxes.expired')}</span>}
                    </td>
                    <Activity a={activity.data?.[r.username.toLowerCase()]} username={r.username} label={label} />
                    <td className="py-2 pr-4" data-label={label('flags')}>
                      <div className="inline-flex flex-wrap gap-1">
                        {DISABLE_FLAGS.filter((f) => r.flags[f] === true).map((f) => (
                          <span key={f} className="rounded bg-red-50 px-1.5 py-0.5 text-xs text-red-700" title={f}>
                            {t(`mailboxes.flag.${f}`)}
                          </span>
                        ))}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {query.isPending && <p className="py-6 text-center text-sm text-slate-500">{t('mailboxes.loading')}</p>}
            {query.data?.rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500">{t('mailboxes.empty')}</p>}
          </div>
        )}
        <div className="mt-4 flex items-center justify-end gap-3 text-sm">
          <Button disabled={page <= 1} onClick={() => setFilters((f) => ({ ...f, page: String(page - 1) }))}>
            {t('common.previous')}
          </Button>
          <span className="text-slate-500">{t('common.page', { page, pages })}</span>
          <Button disabled={page >= pages} onClick={() => setFilters((f) => ({ ...f, page: String(page + 1) }))}>
            {t('common.next')}
          </Button>
        </div>
      </Card>
    </>
  );
}

function Activity({ a, username, label }: { a: MailboxActivity | undefined; username: string; label: (k: 'queued' | 'lastLogin') => string }) {
  const { f } = useT();
  return (
    <>
      <td className="py-2 pr-4 text-right tabular-nums whitespace-nowrap max-md:text-left" data-label={label('queued')}>
        {a?.queued ? (
          <Link className="text-brand-700 hover:underline" href={`/queue?${new URLSearchParams({ saslUser: username })}`}>
            {f.number(a.queued)}
          </Link>
        ) : (
          <span className="text-slate-400">{a?.queued === 0 ? '0' : '—'}</span>
        )}
      </td>
      <td className="py-2 pr-4 text-xs whitespace-nowrap text-slate-600" data-label={label('lastLogin')}>
        {a?.lastLogin ? <time dateTime={a.lastLogin}>{f.dateTime(a.lastLogin)}</time> : <span className="text-slate-400">—</span>}
      </td>
    </>
  );
}
