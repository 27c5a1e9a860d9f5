'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { fieldClass } from '@/components/ui/field';
import { logsKeys, logsPath } from '@/lib/maillog/keys';
import type { LoginsList } from '@/lib/maillog/schemas';
import { fetchJson } from '@/lib/query/fetch-json';
import { LoginDetail } from './login-detail';
import { Empty, ErrorBox, fmtNumber, Loading, MiniStat, ScanFooter, ShareBar, StatGrid, tdClass, thClass } from './logs-ui';
import { TimelineBars } from './timeline-bars';

type Props = { host: string; query: { from?: string }; user?: string; onUser: (user: string | undefined) => void };

export function LoginsTab({ host, query, user, onUser }: Props) {
  if (user) return <LoginDetail host={host} query={query} user={user} onBack={() => onUser(undefined)} />;
  return <LoginsList host={host} query={query} onUser={onUser} />;
}

function LoginsList({ host, query, onUser }: { host: string; query: { from?: string }; onUser: (user: string) => void }) {
  const { t, f } = useT();
  const [filter, setFilter] = useState('');
  const params = { ...query, limit: 500 };
  const q = useQuery({
    queryKey: logsKeys.logins(host, params),
    queryFn: () => fetchJson<LoginsList>(logsPath(host, 'logins', params)),
    placeholderData: keepPreviousData,
  });
  if (q.isPending) return <Loading host={host} />;
  if (q.isError) return <ErrorBox error={q.error} />;
  const d = q.data;
  const needle = filter.trim().toLowerCase();
  const rows = needle ? d.users.filter((u) => u.user.toLowerCase().includes(needle) || u.topIp.includes(needle)) : d.users;
  const max = d.users[0]?.logins ?? 0;
  return (
    <Card>
      <StatGrid>
        <MiniStat label={t('logs.logins.total')} value={fmtNumber(d.totalLogins)} />
        <MiniStat label={t('logs.logins.users')} value={fmtNumber(d.totalUsers)} />
        <MiniStat label={t('logs.logins.busiest')} value={<span className="text-base break-all">{d.users[0]?.user ?? '—'}</span>} />
        <MiniStat label={t('logs.logins.busiestIps')} value={d.users[0] ? fmtNumber(d.users[0].ips) : '—'} />
      </StatGrid>
      <TimelineBars
        points={d.timeline}
        bucketMs={d.bucketMs}
        from={d.scan.range.from}
        to={d.scan.range.to ?? d.scan.at}
        title={t('logs.logins.timeline')}
        testId="logins-timeline"
      />
      <div className="mt-5 mb-3 flex items-center gap-3">
        <input
          className={`${fieldClass} w-72`}
          placeholder={t('logs.logins.filter')}
          aria-label={t('logs.logins.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="ml-auto text-xs text-slate-500">{t('logs.logins.hint')}</span>
      </div>
      {rows.length === 0 ? (
        <Empty>{t('logs.logins.empty')}</Empty>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="logins-table">
            <thead>
              <tr>
                <th className={thClass}>{t('logs.col.user')}</th>
                <th className={thClass}>{t('logs.col.logins')}</th>
                <th className={thClass}>{t('logs.col.ips')}</th>
                <th className={thClass}>{t('logs.col.topIp')}</th>
                <th className={thClass}>{t('logs.col.first')}</th>
                <th className={thClass}>{t('logs.col.last')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((u) => (
                <tr key={u.user} className="cursor-pointer hover:bg-brand-50/50" onClick={() => onUser(u.user)} data-testid="login-row" data-user={u.user}>
                  <td className={tdClass}>
                    <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => onUser(u.user)}>
                      {u.user}
                    </button>
                  </td>
                  <td className={`${tdClass} tabular-nums`}>
                    <div className="flex items-center gap-2">
                      <span className="w-12 text-right">{fmtNumber(u.logins)}</span>
                      <ShareBar value={u.logins} max={max} />
                    </div>
                  </td>
                  <td className={`${tdClass} tabular-nums ${u.ips > 3 ? 'font-semibold text-amber-700' : ''}`}>{fmtNumber(u.ips)}</td>
                  <td className={`${tdClass} font-mono text-xs`}>
                    {u.topIp} <span className="text-slate-400">×{fmtNumber(u.topIpCount)}</span>
                  </td>
                  <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>{f.dateTime(u.first)}</td>
                  <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>{f.dateTime(u.last)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {d.totalUsers > d.users.length && (
            <p className="mt-2 text-xs text-slate-500">{t('logs.logins.more', { shown: d.users.length, total: d.totalUsers })}</p>
          )}
        </div>
      )}
      <ScanFooter scan={d.scan} />
    </Card>
  );
}
