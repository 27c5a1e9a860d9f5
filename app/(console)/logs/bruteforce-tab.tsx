'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { buttonClass } from '@/components/ui/button';
import { logsKeys, logsPath } from '@/lib/maillog/keys';
import type { BruteforceReport } from '@/lib/maillog/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { Empty, ErrorBox, fmtNumber, Loading, MiniStat, ScanFooter, ShareBar, StatGrid, tdClass, thClass } from './logs-ui';
import { TimelineBars } from './timeline-bars';

export function BruteforceTab({ host, query }: { host: string; query: { from?: string } }) {
  const { t, f } = useT();
  const params = { ...query, limit: 200 };
  const q = useQuery({
    queryKey: logsKeys.bruteforce(host, params),
    queryFn: () => fetchJson<BruteforceReport>(logsPath(host, 'bruteforce', params)),
    placeholderData: keepPreviousData,
  });
  if (q.isPending) return <Loading host={host} />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  const guessed = d.users.filter((u) => u.loggedInFromFailingIp);
  const maxIp = d.ips[0]?.failures ?? 0;
  return (
    <div className="space-y-4">
      <Card>
        <StatGrid>
          <MiniStat label={t('logs.brute.failures')} value={fmtNumber(d.failures)} tone={d.failures > 0 ? 'danger' : 'ok'} testId="brute-failures" />
          <MiniStat label={t('logs.brute.ips')} value={fmtNumber(d.totalIps)} />
          <MiniStat label={t('logs.brute.users')} value={d.withUsername > 0 ? fmtNumber(d.totalUsers) : '—'} />
          <MiniStat
            label={t('logs.brute.offenders', { threshold: d.suggest.threshold })}
            value={fmtNumber(d.suggest.ips.length)}
            tone={d.suggest.ips.length ? 'warn' : 'default'}
          />
        </StatGrid>
        {guessed.length > 0 && (
          <div role="alert" className="mb-4 rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-900" data-testid="brute-guessed">
            <span className="font-semibold">{t('logs.brute.guessedTitle')}</span>{' '}
            {t('logs.brute.guessedBody', { users: guessed.map((u) => u.username).join(', ') })}
          </div>
        )}
        {d.serverErrors > 0 && <p className="mb-3 text-xs text-amber-700">{t('logs.brute.serverErrors', { count: fmtNumber(d.serverErrors) })}</p>}
        {d.failures > 0 && d.withUsername === 0 && <p className="mb-3 text-xs text-slate-500">{t('logs.brute.noUsernames')}</p>}
        <TimelineBars
          points={d.timeline}
          bucketMs={d.bucketMs}
          from={d.scan.range.from}
          to={d.scan.range.to ?? d.scan.at}
          tone="red"
          title={t('logs.brute.timeline')}
          testId="brute-timeline"
        />
        <div className="mt-6 grid gap-8">
          <div className="overflow-x-auto">
            <h3 className="mb-2 text-sm font-semibold text-slate-700">{t('logs.brute.byIp')}</h3>
            {d.ips.length === 0 ? (
              <Empty>{t('logs.brute.empty')}</Empty>
            ) : (
              <table className="w-full text-sm" data-testid="brute-ip-table">
                <thead>
                  <tr>
                    <th className={thClass}>{t('logs.col.ip')}</th>
                    <th className={thClass}>{t('logs.col.failures')}</th>
                    <th className={thClass}>{t('logs.col.usersTried')}</th>
                    <th className={thClass}>{t('logs.col.seen')}</th>
                    <th className={thClass}>{t('logs.col.loginsAfter')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {d.ips.map((ip) => (
                    <tr key={ip.ip} data-testid="brute-ip-row" data-ip={ip.ip}>
                      <td className={`${tdClass} font-mono text-xs`}>
                        {ip.ip}
                        {ip.name && <div className="text-slate-400">{ip.name}</div>}
                      </td>
                      <td className={`${tdClass} tabular-nums`}>
                        <div className="flex items-center gap-2">
                          <span className="w-12 text-right">{fmtNumber(ip.failures)}</span>
                          <ShareBar value={ip.failures} max={maxIp} tone="red" />
                        </div>
                      </td>
                      <td className={`${tdClass} text-xs`}>
                        {ip.users > 0 ? (
                          <div title={ip.topUsers.join('\n')}>
                            <span className="font-semibold tabular-nums">{fmtNumber(ip.users)}</span>
                            <div className="max-w-[18rem] truncate text-slate-500">{ip.topUsers.join(', ')}</div>
                          </div>
                        ) : (
                          <span className="text-slate-400">—</span>
                        )}
                      </td>
                      <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>
                        {f.dateTime(ip.first)}
                        <br />
                        {f.dateTime(ip.last)}
                      </td>
                      <td className={`${tdClass} tabular-nums ${ip.loginsAfter > 0 ? 'font-semibold text-red-700' : 'text-slate-400'}`}>{ip.loginsAfter}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
          <div className="overflow-x-auto">
            <h3 className="mb-2 text-sm font-semibold text-slate-700">{t('logs.brute.byUser')}</h3>
            {d.users.length === 0 ? (
              <Empty>{d.withUsername === 0 ? t('logs.brute.noUsernames') : t('logs.brute.empty')}</Empty>
            ) : (
              <table className="w-full text-sm" data-testid="brute-user-table">
                <thead>
                  <tr>
                    <th className={thClass}>{t('logs.col.user')}</th>
                    <th className={thClass}>{t('logs.col.failures')}</th>
                    <th className={thClass}>{t('logs.col.ips')}</th>
                    <th className={thClass}>{t('logs.col.first')}</th>
                    <th className={thClass}>{t('logs.col.last')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {d.users.map((u) => (
                    <tr key={u.username}>
                      <td className={`${tdClass} break-all`}>
                        {u.username}
                        {u.loggedInFromFailingIp && (
                          <span className="ml-2 rounded bg-red-600 px-1.5 py-0.5 text-[10px] font-semibold text-white">{t('logs.brute.guessedBadge')}</span>
                        )}
                      </td>
                      <td className={`${tdClass} tabular-nums`}>{fmtNumber(u.failures)}</td>
                      <td className={`${tdClass} tabular-nums`}>{fmtNumber(u.ips)}</td>
                      <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>{f.dateTime(u.first)}</td>
                      <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>{f.dateTime(u.last)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </div>
        <ScanFooter scan={d.scan} />
      </Card>
      {d.suggest.ips.length > 0 && <Suggestion report={d} />}
    </div>
  );
}

function Suggestion({ report }: { report: BruteforceReport }) {
  const { t } = useT();
  return (
    <Card title={t('logs.brute.suggestTitle')}>
      <p className="mb-4 text-sm text-slate-600">{t('logs.brute.suggestBody', { count: report.suggest.ips.length, threshold: report.suggest.threshold })}</p>
      <div className="grid gap-4 lg:grid-cols-2">
        <Snippet title={t('logs.brute.cidrTitle')} text={report.suggest.cidrTable} testId="suggest-cidr" />
        <Snippet title={t('logs.brute.fail2banTitle')} text={report.suggest.fail2banJail} testId="suggest-fail2ban" />
      </div>
    </Card>
  );
}

function Snippet({ title, text, testId }: { title: string; text: string; testId: string }) {
  const { t } = useT();
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <div className="mb-1 flex items-center justify-between">
        <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h4>
        <button
          type="button"
          className={`${buttonClass} px-2 py-0.5 text-xs`}
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? t('logs.copied') : t('logs.copy')}
        </button>
      </div>
      <pre
        data-testid={testId}
        className="max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-md bg-slate-900 px-3 py-2 font-mono text-xs leading-5 text-slate-100"
      >
        {text}
      </pre>
    </div>
  );
}
