'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import { buttonStyle } from '@/components/ui/button';
import { reportHref, respondHref } from '@/lib/incident/keys';
import type { IncidentRecord } from '@/lib/incident/record-types';
import { progressParts } from '@/lib/incident/report-text';
import { Confirm, errText, Outcome } from './[username]/incident-ui';
import { useChangeIncident, useIncidentRecords, type RecordFilter } from './use-incident-records';

// Every containment as a record: open ones first by default, each with who
// opened it, its steps, and close (with a note) or reopen.

const FILTERS: RecordFilter[] = ['open', 'closed', 'all'];

function StepList({ r }: { r: IncidentRecord }) {
  const { t, f } = useT();
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-slate-600">{t('incidents.steps', { count: r.steps.length })}</summary>
      <ol className="mt-1 space-y-1">
        {r.steps.map((s, i) => (
          <li key={i} className="flex flex-wrap gap-x-2" data-testid="incident-step" data-step={s.step}>
            <span className={s.ok === false ? 'text-red-700' : s.ok ? 'text-emerald-700' : 'text-amber-700'}>{s.ok === false ? '✕' : s.ok ? '✓' : '!'}</span>
            <span className="font-medium text-slate-700">{s.step}</span>
            <span className="text-slate-500">
              {f.dateTime(s.at)} · {s.actor}
            </span>
            <span className="basis-full break-words text-slate-600 sm:basis-auto">{s.summary}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The record's progress, derived as the incident page and the report derive it. */
function Progress({ r }: { r: IncidentRecord }) {
  const { t } = useT();
  if (!r.progress) return null;
  return (
    <ul className="mt-1 flex flex-wrap gap-1.5 text-xs" data-testid="record-progress">
      {progressParts(t, r.progress).map((p) => (
        <li
          key={p.phase}
          data-phase={p.phase}
          data-done={String(p.done)}
          className={`rounded px-1.5 py-0.5 ${p.done ? 'bg-emerald-50 text-emerald-800' : 'bg-slate-100 text-slate-500'}`}
        >
          {p.text}
        </li>
      ))}
    </ul>
  );
}

function Row({ r }: { r: IncidentRecord }) {
  const { t, f } = useT();
  const change = useChangeIncident();
  const [closing, setClosing] = useState(false);
  const [note, setNote] = useState('');
  return (
    <li className="px-4 py-3 sm:px-5" data-testid="incident-record" data-user={r.username} data-state={r.state}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <div className="flex flex-wrap items-baseline gap-2">
            <span className="font-mono text-sm font-semibold break-all text-slate-900">{r.username}</span>
            <span className="text-xs text-slate-500">{t('incidents.host', { host: r.host })}</span>
            <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${r.state === 'open' ? 'bg-red-100 text-red-800' : 'bg-slate-100 text-slate-600'}`}>
              {t(`incidents.state.${r.state}`)}
            </span>
          </div>
          <p className="mt-0.5 text-xs text-slate-500">{t('incidents.opened', { who: r.openedBy, at: f.dateTime(r.openedAt) })}</p>
          {r.state === 'closed' && (
            <p className="mt-0.5 text-xs text-slate-600" data-testid="close-note">
              {t('incidents.closedBy', { who: r.closedBy ?? '—', at: f.dateTime(r.closedAt), note: r.closeNote ?? '' })}
            </p>
          )}
        </div>
        <div className="flex flex-wrap gap-2">
          <Link className={buttonStyle()} href={respondHref(r.username, r.host)}>
            {t('incidents.respond')}
          </Link>
          <Link className={buttonStyle()} href={reportHref(r.username, r.host)}>
            {t('incidents.report')}
          </Link>
          {r.state === 'open' ? (
            <button type="button" className={buttonStyle()} onClick={() => setClosing(true)} data-testid="close-incident">
              {t('incidents.close')}
            </button>
          ) : (
            <button
              type="button"
              className={buttonStyle()}
              disabled={change.isPending}
              onClick={() => change.mutate({ id: r.id, change: { action: 'reopen' } })}
              data-testid="reopen-incident"
            >
              {t('incidents.reopen')}
            </button>
          )}
        </div>
      </div>
      <Progress r={r} />
      <StepList r={r} />
      {closing && (
        <Confirm
          text={t('incidents.closeYes')}
          yes={t('incidents.closeYes')}
          busy={change.isPending}
          yesDisabled={note.trim() === ''}
          onYes={() => change.mutate({ id: r.id, change: { action: 'close', note } }, { onSuccess: () => setClosing(false) })}
          onNo={() => setClosing(false)}
          testid="close-confirm"
        >
          <label className="mt-3 block text-xs text-slate-600">
            {t('incidents.closeNote')}
            <textarea
              className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
              rows={3}
              maxLength={2000}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="close-note-input"
              autoFocus
            />
          </label>
        </Confirm>
      )}
      {change.isError && <Outcome ok={false}>{t('incidents.error', { message: errText(change.error) })}</Outcome>}
    </li>
  );
}

export function IncidentsScreen() {
  const { t } = useT();
  const [filter, setFilter] = useState<RecordFilter>('open');
  const list = useIncidentRecords(filter);
  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        subtitle={t('incidents.subtitle')}
        actions={
          <div className="flex rounded-md border border-slate-300 bg-white p-0.5" role="tablist">
            {FILTERS.map((s) => (
              <button
                key={s}
                type="button"
                role="tab"
                aria-selected={filter === s}
                className={`rounded px-3 py-1 text-sm ${filter === s ? 'bg-brand-600 text-white' : 'text-slate-600 hover:bg-slate-50'}`}
                onClick={() => setFilter(s)}
                data-testid={`filter-${s}`}
              >
                {t(`incidents.filter.${s}`)}
              </button>
            ))}
          </div>
        }
      />
      {list.isError && <Outcome ok={false}>{errText(list.error)}</Outcome>}
      {list.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {list.data && (
        <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
          {list.data.length === 0 ? (
            <p className="px-5 py-6 text-sm text-slate-500">{t('incidents.empty')}</p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="incident-records">
              {list.data.map((r) => (
                <Row key={r.id} r={r} />
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
