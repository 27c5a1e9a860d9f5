'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import type { SuspectsResponse } from '@/lib/dashboard/types';
import { respondHref } from '@/lib/incident/keys';
import { reasonText } from '@/lib/incident/report-text';

// The suspects, highest score first, each with its reasons in plain words
// and one click to the response.

export function scoreTone(score: number) {
  if (score >= 50) return 'bg-red-600 text-white';
  if (score >= 25) return 'bg-amber-500 text-white';
  return 'bg-slate-200 text-slate-700';
}

export function DashboardSuspects({ query }: { query: UseQueryResult<SuspectsResponse> }) {
  const { t, f } = useT();
  const data = query.data;
  const notes = (data?.hosts ?? []).flatMap((h) => [
    ...(!h.log.ok ? [t('dashboard.suspects.logError', { host: h.host, message: h.log.error ?? '' })] : []),
    ...(!h.indexed ? [t('dashboard.suspects.notIndexed', { host: h.host })] : []),
  ]);
  return (
    <Card title={t('dashboard.suspects.title')}>
      {query.isPending && <p className="text-sm text-slate-500">{t('dashboard.suspects.loading')}</p>}
      {query.isError && <p role="alert" className="text-sm text-red-700">{(query.error as Error).message}</p>}
      {data && data.suspects.length === 0 && <p className="text-sm text-slate-500">{t('dashboard.suspects.none')}</p>}
      {data && data.suspects.length > 0 && (
        <ul className="divide-y divide-slate-100" data-testid="suspects">
          {data.suspects.slice(0, 10).map((s) => (
            <li key={`${s.host}/${s.user}`} className="flex flex-wrap items-start gap-3 py-3 sm:gap-4" data-testid="suspect" data-user={s.user} data-score={s.score}>
              <span className={`mt-0.5 inline-flex h-10 w-12 shrink-0 items-center justify-center rounded-lg text-lg font-semibold tabular-nums ${scoreTone(s.score)}`} title={t('incident.score')}>
                {s.score}
              </span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-mono text-sm font-semibold break-all text-slate-900">{s.user}</span>
                  <span className="text-xs text-slate-500">{s.host}</span>
                  {s.queued > 0 && <span className="text-xs text-slate-600">{t('dashboard.suspects.queued', { queued: f.number(s.queued), forged: f.number(s.forged) })}</span>}
                  {s.blocked && <span className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">{t('dashboard.suspects.blocked')}</span>}
                </div>
                <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700" data-testid="reasons">
                  {s.reasons.slice(0, 4).map((r) => (
                    <li key={r.id}>
                      {reasonText(t, r)} <span className="text-xs text-slate-400">+{r.points}</span>
                    </li>
                  ))}
                </ul>
              </div>
              {/* Any SASL login can be contained, mailbox row or not (issue 16): the block is by login name. */}
              <div className="flex w-full shrink-0 flex-col items-stretch gap-1 self-center sm:w-auto sm:items-end">
                <Link href={respondHref(s.user, s.host)} className="rounded-md bg-brand-600 px-4 py-2.5 text-center text-sm font-medium text-white shadow-sm hover:bg-brand-700 sm:py-2" data-testid="respond">
                  {t('dashboard.suspects.respond')} →
                </Link>
                {!s.mailbox && <span className="text-xs text-slate-400">{t('dashboard.suspects.noMailbox')}</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {notes.length > 0 && (
        <ul className="mt-3 space-y-1 text-xs text-amber-700">
          {notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </Card>
  );
}
