'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import type { SuspectsResponse } from '@/lib/dashboard/types';
import { SuspectRow } from './dashboard-suspect-row';

export { scoreTone } from './dashboard-suspect-row';

// The suspects, highest score first, each with its reasons in plain words
// and one click to the response. Every suspect the count on the dashboard
// names is a row here; logins with a few points below the threshold are
// folded under "others", without a response.

export function DashboardSuspects({ query }: { query: UseQueryResult<SuspectsResponse> }) {
  const { t } = useT();
  const data = query.data;
  const notes = (data?.hosts ?? []).flatMap((h) => [
    ...(!h.log.ok ? [t('dashboard.suspects.logError', { host: h.host, message: h.log.error ?? '' })] : []),
    ...(!h.indexed ? [t('dashboard.suspects.notIndexed', { host: h.host })] : []),
  ]);
  return (
    <Card title={t('dashboard.suspects.title')}>
      {query.isPending && <p className="text-sm text-slate-500">{t('dashboard.suspects.loading')}</p>}
      {query.isError && (
        <p role="alert" className="text-sm text-red-700">
          {(query.error as Error).message}
        </p>
      )}
      {data && (
        <p className="text-xs text-slate-500" data-testid="suspects-threshold">
          {t('dashboard.suspects.threshold', { threshold: data.threshold })}
        </p>
      )}
      {data && data.suspects.length === 0 && <p className="mt-2 text-sm text-slate-500">{t('dashboard.suspects.none')}</p>}
      {data && data.suspects.length > 0 && (
        <ul className="divide-y divide-slate-100" data-testid="suspects">
          {data.suspects.map((s) => (
            <SuspectRow key={`${s.host}/${s.user}`} s={s} respond />
          ))}
        </ul>
      )}
      {data && data.others.length > 0 && (
        <details className="mt-2 border-t border-slate-100 pt-2" data-testid="others">
          <summary className="cursor-pointer py-1 text-sm text-slate-600 select-none">
            {t('dashboard.suspects.others', { count: data.others.length, threshold: data.threshold })}
          </summary>
          <ul className="divide-y divide-slate-100">
            {data.others.map((s) => (
              <SuspectRow key={`${s.host}/${s.user}`} s={s} respond={false} />
            ))}
          </ul>
        </details>
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
