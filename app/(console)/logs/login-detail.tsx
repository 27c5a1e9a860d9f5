'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { loginDetailQuery } from '@/lib/maillog/client';
import { Empty, ErrorBox, fmtNumber, Loading, MiniStat, ScanFooter, ShareBar, StatGrid, tdClass, thClass } from './logs-ui';
import { TimelineBars } from './timeline-bars';

// One SASL user: where the logins came from, when, and what was sent under
// that login (the envelope senders tell a forged-sender spam run at once).

const SENDERS_SHOWN = 12;

export function LoginDetail({ host, query, user, onBack }: { host: string; query: { from?: string }; user: string; onBack: () => void }) {
  const { t, f } = useT();
  const [allSenders, setAllSenders] = useState(false);
  const params = { ...query, user, limit: 500 };
  const q = useQuery({ ...loginDetailQuery(host, params), placeholderData: keepPreviousData });
  const header = (
    <div className="mb-4 flex flex-wrap items-center gap-3">
      <Button onClick={onBack} data-testid="logins-back">
        ← {t('logs.logins.back')}
      </Button>
      <h2 className="text-lg font-semibold text-slate-900" data-testid="login-detail-user">
        {user}
      </h2>
      {user.includes('@') && (
        <Link href={`/mailboxes/${encodeURIComponent(user)}`} className="text-sm text-brand-700 hover:underline">
          {t('logs.logins.mailbox')}
        </Link>
      )}
    </div>
  );
  if (q.isPending)
    return (
      <Card>
        {header}
        <Loading host={host} />
      </Card>
    );
  if (q.isError)
    return (
      <Card>
        {header}
        <ErrorBox error={q.error} />
      </Card>
    );
  const d = q.data;
  const maxIp = d.ips[0]?.count ?? 0;
  const lowerUser = d.user.toLowerCase();
  return (
    <Card>
      {header}
      {d.logins === 0 ? (
        <Empty>{t('logs.logins.noneForUser')}</Empty>
      ) : (
        <>
          <StatGrid>
            <MiniStat label={t('logs.logins.total')} value={fmtNumber(d.logins)} />
            <MiniStat label={t('logs.col.ips')} value={fmtNumber(d.totalIps)} tone={d.totalIps > 3 ? 'warn' : 'default'} testId="detail-ips" />
            <MiniStat label={t('logs.logins.messages')} value={`${fmtNumber(d.messages)} / ${fmtNumber(d.recipients)}`} />
            <MiniStat
              label={t('logs.logins.otherSenders')}
              value={fmtNumber(d.otherSenders)}
              tone={d.otherSenders > 0 ? 'danger' : 'ok'}
              testId="detail-other-senders"
            />
          </StatGrid>
          <p className="mb-3 text-xs text-slate-500">
            {t('logs.logins.span', { first: f.dateTime(d.first), last: f.dateTime(d.last) })} ·{' '}
            {Object.entries(d.methods)
              .map(([m, n]) => `${m} ×${n}`)
              .join(', ')}
          </p>
          <TimelineBars
            points={d.timeline}
            bucketMs={d.bucketMs}
            from={d.scan.range.from}
            to={d.scan.range.to ?? d.scan.at}
            title={t('logs.logins.timeline')}
            testId="user-timeline"
          />
          <div className="mt-6 grid gap-6 lg:grid-cols-5">
            <div className="overflow-x-auto lg:col-span-3">
              <h3 className="mb-2 text-sm font-semibold text-slate-700">{t('logs.logins.ipTable')}</h3>
              <table className="w-full text-sm" data-testid="ip-table">
                <thead>
                  <tr>
                    <th className={thClass}>{t('logs.col.ip')}</th>
                    <th className={thClass}>{t('logs.col.logins')}</th>
                    <th className={thClass}>{t('logs.col.first')}</th>
                    <th className={thClass}>{t('logs.col.last')}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {d.ips.map((ip) => (
                    <tr key={ip.ip} data-testid="ip-row">
                      <td className={`${tdClass} font-mono text-xs`}>
                        {ip.ip}
                        {ip.name && <div className="text-slate-400">{ip.name}</div>}
                      </td>
                      <td className={`${tdClass} tabular-nums`}>
                        <div className="flex items-center gap-2">
                          <span className="w-12 text-right">{fmtNumber(ip.count)}</span>
                          <ShareBar value={ip.count} max={maxIp} />
                        </div>
                      </td>
                      <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>{f.dateTime(ip.first)}</td>
                      <td className={`${tdClass} font-mono text-xs whitespace-nowrap text-slate-500`}>{f.dateTime(ip.last)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="lg:col-span-2">
              <h3 className="mb-2 text-sm font-semibold text-slate-700">{t('logs.logins.senders')}</h3>
              {d.senders.length === 0 ? (
                <p className="text-sm text-slate-500">{t('logs.logins.noSenders')}</p>
              ) : (
                <ul className="divide-y divide-slate-100 text-sm" data-testid="sender-list">
                  {(allSenders ? d.senders : d.senders.slice(0, SENDERS_SHOWN)).map((s) => (
                    <li key={s.address} className="flex items-center justify-between gap-3 py-1.5">
                      <span className={`break-all font-mono text-xs ${s.address === lowerUser ? 'text-slate-700' : 'text-red-700'}`}>{s.address || '<>'}</span>
                      <span className="tabular-nums text-slate-500">{fmtNumber(s.count)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {d.senders.length > SENDERS_SHOWN && (
                <button type="button" className="mt-1 text-xs text-brand-700 hover:underline" onClick={() => setAllSenders((a) => !a)}>
                  {allSenders ? t('logs.logins.fewerSenders') : t('logs.logins.allSenders', { count: d.senders.length })}
                </button>
              )}
              {d.otherSenders > 0 && <p className="mt-2 text-xs text-red-700">{t('logs.logins.forgedHint')}</p>}
            </div>
          </div>
        </>
      )}
      <ScanFooter scan={d.scan} />
    </Card>
  );
}
