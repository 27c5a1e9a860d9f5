'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import { incidentKeys, incidentPath, respondHref } from '@/lib/incident/keys';
import type { IncidentReport } from '@/lib/incident/report';
import { numberRows, reasonText, stamp, timelineText } from '@/lib/incident/report-text';
import { fetchJson } from '@/lib/query/fetch-json';

import { ReportDelisting, ReportOpen } from './report-open';

// The incident report as a page to read, print (the console's frame is
// hidden on paper) or download as Markdown — the same words either way.

const PRINT_CSS = `@media print {
  aside, body > div > div > header, [data-print="hide"] { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  body { background: white !important; }
  section { box-shadow: none !important; break-inside: avoid; }
}`;

export function ReportScreen({ username, host }: { username: string; host: string }) {
  const { t, locale } = useT();
  const report = useQuery({ queryKey: incidentKeys.report(host, username), queryFn: () => fetchJson<IncidentReport>(incidentPath(username, '/report', host)) });
  const r = report.data;
  return (
    <article className="mx-auto max-w-4xl text-slate-800" data-testid="report">
      <style>{PRINT_CSS}</style>
      <div className="mb-4 flex flex-wrap gap-2" data-print="hide">
        <Link href={respondHref(username, host)} className={buttonStyle()}>
          ← {t('incident.report.back')}
        </Link>
        <button type="button" className={buttonStyle()} onClick={() => window.print()}>
          {t('incident.report.print')}
        </button>
        <a className={buttonStyle()} href={incidentPath(username, '/report', host, { format: 'md' })} data-testid="report-md">
          {t('incident.report.markdown')}
        </a>
      </div>
      {report.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {report.isError && (
        <p role="alert" className="text-sm text-red-700">
          {(report.error as Error).message}
        </p>
      )}
      {r && (
        <>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('incident.report.title', { user: r.username, host: r.host })}</h1>
          <p className="mt-1 text-sm text-slate-500">
            {t('incident.report.generated')}: {stamp(r.generatedAt)}
          </p>
          {r.score !== null && (
            <section className="mt-6">
              <h2 className="text-lg font-semibold text-slate-900">{t('incident.report.why', { score: r.score })}</h2>
              <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {r.reasons.map((x) => (
                  <li key={x.id}>
                    {reasonText(t, x, locale)} <span className="text-xs text-slate-400">+{x.points}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="mt-6">
            <h2 className="text-lg font-semibold text-slate-900">{t('incident.report.numbers')}</h2>
            <table className="mt-2 w-full text-left text-sm" data-testid="report-numbers">
              <tbody className="divide-y divide-slate-200 border-y border-slate-200">
                {numberRows(t, r, locale).map(([k, v]) => (
                  <tr key={k}>
                    <th className="w-1/2 py-1.5 pr-4 font-medium text-slate-600">{k}</th>
                    <td className="py-1.5 tabular-nums">{v}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <ReportOpen r={r} />
          <ReportDelisting r={r} />
          <section className="mt-6">
            <h2 className="text-lg font-semibold text-slate-900">{t('incident.report.timeline')}</h2>
            <table className="mt-2 w-full text-left text-sm" data-testid="report-timeline">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-1 pr-4 font-medium">{t('incident.report.when')}</th>
                  <th className="py-1 pr-4 font-medium">{t('incident.report.event')}</th>
                  <th className="py-1 font-medium">{t('incident.report.who')}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {r.timeline.map((e, i) => (
                  <tr key={i} className={e.ok === false ? 'text-red-700' : ''} data-kind={e.kind} data-action={e.action ?? ''}>
                    <td className="py-1.5 pr-4 font-mono text-xs whitespace-nowrap text-slate-500">{stamp(e.at)}</td>
                    <td className="py-1.5 pr-4">{timelineText(t, e, r.username, locale)}</td>
                    <td className="py-1.5 text-xs text-slate-500">{e.actor ?? t('incident.report.maillog')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </article>
  );
}
