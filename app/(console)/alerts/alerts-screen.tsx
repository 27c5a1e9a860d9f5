'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card, Stat } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { fieldClass } from '@/components/ui/field';
import { PageHeader } from '@/components/page-header';
import { fetchJson } from '@/lib/query/fetch-json';
import type { AlertView } from '@/lib/watch/alert-view';
import { alertKeys } from '@/lib/watch/keys';
import { AlertTable } from './alert-table';
import { ChannelsCard } from './channels-card';
import { QueueChart } from './queue-chart';
import { RulesCard } from './rules-card';

// /alerts: what the watcher found (open first), the queue over time, and for
// administrators where notifications go and the rules of each host.

const RANK = { critical: 0, warning: 1, info: 2 } as const;

export function AlertsScreen({ hosts, isAdmin }: { hosts: string[]; isAdmin: boolean }) {
  const { t } = useT();
  const [host, setHost] = useState(hosts[0] ?? '');
  const q = useQuery({
    queryKey: alertKeys.list({ limit: '300' }),
    queryFn: () => fetchJson<{ alerts: AlertView[] }>('/api/alerts?limit=300'),
    refetchInterval: 10_000,
  });
  const all = q.data?.alerts ?? [];
  const open = all.filter((a) => a.state !== 'resolved').sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.lastAt.localeCompare(a.lastAt));
  const past = all.filter((a) => a.state === 'resolved');
  const critical = open.filter((a) => a.severity === 'critical').length;
  const contained = open.filter((a) => a.containment?.state === 'active').length;
  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        subtitle={t('alerts.subtitle')}
        actions={
          hosts.length > 1 && (
            <select aria-label={t('watch.host')} className={fieldClass} value={host} onChange={(e) => setHost(e.target.value)}>
              {hosts.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          )
        }
      />
      <div className="mb-6 grid grid-cols-3 gap-2 sm:gap-4">
        <Stat label={t('alerts.open.title')} value={open.length} tone={open.length ? 'danger' : 'ok'} />
        <Stat label={t('alerts.severity.critical')} value={critical} tone={critical ? 'danger' : 'default'} />
        <Stat label={t('alerts.stat.contained')} value={contained} />
      </div>
      <div className="space-y-6">
        <Card title={`${t('alerts.open.title')} (${open.length})`}>
          {q.isError ? <p className="text-sm text-red-700">{(q.error as Error).message}</p> : <AlertTable alerts={open} testId="open-alerts" />}
        </Card>
        {host && <QueueChart host={host} />}
        <Card title={`${t('alerts.past.title')} (${past.length})`}>
          <AlertTable alerts={past} past testId="past-alerts" />
        </Card>
        {isAdmin && (
          <>
            <ChannelsCard />
            {/* keyed: another host starts from its own rules, not this one's draft */}
            {host && <RulesCard key={host} host={host} />}
          </>
        )}
      </div>
    </>
  );
}
