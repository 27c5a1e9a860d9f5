'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/page-header';
import { hostKeys } from '@/lib/hosts/keys';
import type { EnrollOffer } from '@/lib/hosts/enroll-offer';
import type { HostPublic } from '@/lib/hosts/list';
import { fetchJson } from '@/lib/query/fetch-json';
import { AddHostForm } from './add-host-form';
import { EnrollPanel } from './enroll-panel';
import { HostRow } from './host-row';

export function HostsScreen({ initialHosts }: { initialHosts: HostPublic[] }) {
  const { t } = useT();
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<{ host: HostPublic; enroll: EnrollOffer } | null>(null);
  const query = useQuery({
    queryKey: hostKeys.list(),
    queryFn: async () => (await fetchJson<{ hosts: HostPublic[] }>('/api/hosts')).hosts,
    initialData: initialHosts,
  });
  const hosts = query.data;
  const changed = hosts.filter((h) => h.keyState === 'changed');

  return (
    <>
      <PageHeader
        title={t('hosts.title')}
        subtitle={t('hosts.subtitle')}
        actions={
          !adding && (
            <Button kind="primary" onClick={() => (setAdding(true), setAdded(null))}>
              {t('hosts.add')}
            </Button>
          )
        }
      />
      {changed.map((h) => (
        <div key={h.name} role="alert" className="mb-4 rounded-lg border border-red-400 bg-red-600 px-4 py-3 text-sm text-white shadow-sm">
          <b>{t('hosts.changed.banner', { name: h.name })}</b> {t('hosts.changed.bannerHint')}
        </div>
      ))}
      {adding && (
        <AddHostForm
          onDone={(result) => {
            setAdding(false);
            setAdded(result);
          }}
        />
      )}
      {added && (
        <div role="status" data-testid="host-added" className="mb-6 space-y-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 text-sm text-emerald-900">
          <p className="font-semibold">{t('hosts.added', { name: added.host.name })}</p>
          <EnrollPanel host={added.host.name} offer={added.enroll} />
        </div>
      )}
      <Card>
        {hosts.length === 0 ? (
          <p className="text-sm text-slate-500">{t('hosts.empty')}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="hosts-table">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="pb-2 pr-4 font-medium">{t('hosts.name')}</th>
                  <th className="pb-2 pr-4 font-medium">{t('hosts.address')}</th>
                  <th className="pb-2 pr-4 font-medium">{t('hosts.user')}</th>
                  <th className="pb-2 pr-4 font-medium">{t('hosts.hostKey')}</th>
                  <th className="pb-2 pr-4 font-medium">{t('hosts.col.status')}</th>
                  <th className="pb-2" />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {hosts.map((h) => (
                  <HostRow key={h.name} host={h} />
                ))}
              </tbody>
            </table>
          </div>
        )}
        {query.isError && <p className="mt-3 text-sm text-red-700">{query.error.message}</p>}
      </Card>
      <p className="mt-4 text-xs text-slate-500">{t('hosts.footnote')}</p>
    </>
  );
}
