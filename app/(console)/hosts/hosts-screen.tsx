'use client';

import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { PageHeader } from '@/components/page-header';
import type { HostPublic } from '@/lib/hosts/list';

export function HostsScreen({ hosts }: { hosts: HostPublic[] }) {
  const { t } = useT();
  return (
    <>
      <PageHeader title={t('hosts.title')} subtitle={t('hosts.subtitle')} />
      <Card>
        {hosts.length === 0 ? (
          <p className="text-sm text-slate-500">{t('hosts.empty')}</p>
        ) : (
          <table className="w-full text-left text-sm" data-testid="hosts-table">
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="pb-2">{t('hosts.name')}</th>
                <th className="pb-2">{t('hosts.address')}</th>
                <th className="pb-2">{t('hosts.user')}</th>
                <th className="pb-2">{t('hosts.hostKey')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {hosts.map((h) => (
                <tr key={h.id}>
                  <td className="py-2 font-medium text-slate-900">{h.name}</td>
                  <td className="py-2 font-mono text-xs">{h.address}:{h.port}</td>
                  <td className="py-2">{h.username}{h.useSudo && <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600">sudo</span>}</td>
                  <td className="py-2 font-mono text-xs text-slate-600">{h.hostKeySha256 ?? <span className="text-amber-700">{t('hosts.notPinned')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </>
  );
}
