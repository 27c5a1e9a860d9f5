'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import { incidentKeys } from '@/lib/incident/keys';
import type { IncidentReport } from '@/lib/incident/report';
import { delistingRows, openLines } from '@/lib/incident/report-text';
import { ActionDialog } from '../../../queue/action-dialog';

// "Still open" and the delisting checklist of the report page: what remains
// to be done, each item with the way to do it (the bounces to this login's
// forged senders through the queue's usual delete preview, opened here in
// one click with the same bounceOf filter that counted them; the fixes on
// Hardening).

const h2 = 'text-lg font-semibold text-slate-900';

export function ReportOpen({ r }: { r: IncidentReport }) {
  const { t, f, locale } = useT();
  const qc = useQueryClient();
  const [deleting, setDeleting] = useState(false);
  if (!r.open) return null;
  const lines = openLines(t, r, locale);
  const bounces = r.open.bounces?.count ?? 0;
  const bounceFilter = { bounceOf: r.username };
  const bouncesHref = `/queue?${new URLSearchParams({ host: r.host, ...bounceFilter })}`;
  return (
    <section className="mt-6" data-testid="report-open">
      <h2 className={h2}>{t('incident.report.open.title')}</h2>
      {lines.length === 0 && <p className="mt-2 text-sm text-emerald-700">{t('incident.report.open.none')}</p>}
      <ul className="mt-2 space-y-2 text-sm">
        {lines.map((l) => (
          <li key={l.id} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900" data-testid="open-item" data-item={l.id}>
            <span className="break-words">{l.text}</span>
            {l.id === 'bounces' && bounces > 0 && (
              <span className="mt-2 flex flex-wrap items-center gap-3" data-print="hide">
                <button
                  type="button"
                  className={buttonStyle('destructive', { size: 'lg' })}
                  onClick={() => setDeleting(true)}
                  data-testid="delete-bounces"
                  data-count={bounces}
                >
                  {t('incident.report.open.deleteBounces', { count: bounces, n: f.number(bounces) })}
                </button>
                <Link href={bouncesHref} className="font-medium text-brand-700 underline" data-testid="show-bounces">
                  {t('incident.report.open.showBounces')}
                </Link>
              </span>
            )}
            {l.id === 'fixes' && (r.open?.fixesMissing?.length ?? 0) > 0 && (
              <Link
                href={`/hardening?${new URLSearchParams({ host: r.host })}`}
                className="ml-2 inline-block font-medium text-brand-700 underline"
                data-print="hide"
              >
                {t('incident.report.open.hardening')}
              </Link>
            )}
          </li>
        ))}
      </ul>
      {deleting && (
        <ActionDialog
          host={r.host}
          action="delete"
          target={{ filter: bounceFilter }}
          onClose={() => setDeleting(false)}
          // The report's count (and every incident panel) reads the queue again.
          onDone={() => void qc.invalidateQueries({ queryKey: incidentKeys.of(r.host, r.username) })}
        />
      )}
    </section>
  );
}

export function ReportDelisting({ r }: { r: IncidentReport }) {
  const { t, locale } = useT();
  const rows = delistingRows(r, locale);
  if (rows.length === 0) return null;
  const dt = 'text-xs font-semibold uppercase tracking-wide text-slate-500';
  return (
    <section className="mt-6" data-testid="report-delisting">
      <h2 className={h2}>{t('incident.report.delisting.title')}</h2>
      <div className="mt-2 space-y-3">
        {rows.map((d) => (
          <article key={d.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="delisting" data-provider={d.id}>
            <h3 className="font-semibold text-slate-900">
              {d.name} <span className="text-sm font-normal text-slate-500">· {d.sites.join(', ')}</span>
            </h3>
            <p className="mt-1 font-mono text-xs break-all text-slate-500">{d.sample}</p>
            <dl className="mt-3 grid gap-2 text-sm sm:grid-cols-[12rem_1fr]">
              <dt className={dt}>{t('incident.report.delisting.meaning')}</dt>
              <dd>{d.meaning}</dd>
              <dt className={dt}>{t('incident.report.delisting.where')}</dt>
              <dd>
                {d.where}{' '}
                <a href={d.url} className="break-all text-brand-700 underline" target="_blank" rel="noreferrer noopener">
                  {d.url}
                </a>
              </dd>
              <dt className={dt}>{t('incident.report.delisting.say')}</dt>
              <dd className="rounded bg-slate-50 px-2 py-1 text-slate-700">{d.say}</dd>
              <dt className={dt}>{t('incident.report.delisting.check')}</dt>
              <dd>{d.check}</dd>
            </dl>
          </article>
        ))}
      </div>
    </section>
  );
}
