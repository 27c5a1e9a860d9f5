'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/page-header';
import { Banner } from './hardening-ui';
import { LimitsCard } from './limits-card';

// The postmaster's view of the Hardening page: sending limits only, read-only.
export function LimitsScreen({ hosts, initialHost, focusUser }: { hosts: string[]; initialHost?: string; focusUser?: string }) {
  const { t } = useT();
  const [host, setHost] = useState(initialHost ?? hosts[0] ?? '');
  return (
    <>
      <PageHeader
        title={t('limits.title')}
        subtitle={t('hardening.subtitle')}
        actions={
          hosts.length > 1 && (
            <select aria-label={t('hardening.host')} className={`${inputClass} w-48`} value={host} onChange={(e) => setHost(e.target.value)}>
              {hosts.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          )
        }
      />
      {hosts.length === 0 ? <Banner tone="warn">{t('hardening.noHosts')}</Banner> : <LimitsCard key={host} host={host} admin={false} focusUser={focusUser} />}
    </>
  );
}
