'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { PageHeader } from '@/components/page-header';
import { hardeningKeys } from '@/lib/hardening/keys';
import type { HardeningState } from '@/lib/hardening/state';
import type { FixId } from '@/lib/hardening/types';
import { hostPath } from '@/lib/hosts/keys';
import { fetchJson } from '@/lib/query/fetch-json';
import { ApplyPanel } from './apply-panel';
import { BackupsCard } from './backups-card';
import { FindingsCard } from './findings-card';
import { Banner } from './hardening-ui';
import { LimitsCard } from './limits-card';
import { ProbesCard } from './probes-card';

export function HardeningScreen({ hosts, initialHost, focusUser }: { hosts: string[]; initialHost?: string; focusUser?: string }) {
  const { t } = useT();
  const [host, setHost] = useState(initialHost ?? hosts[0] ?? '');
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: hardeningKeys.host(host) });

  return (
    <>
      <PageHeader
        title={t('hardening.title')}
        subtitle={t('hardening.subtitle')}
        actions={
          hosts.length > 0 && (
            <>
              <select aria-label={t('hardening.host')} className={`${inputClass} w-48`} value={host} onChange={(e) => setHost(e.target.value)}>
                {hosts.map((h) => (
                  <option key={h} value={h}>
                    {h}
                  </option>
                ))}
              </select>
              <Button nowrap onClick={refresh}>
                {t('hardening.reassess')}
              </Button>
            </>
          )
        }
      />
      {hosts.length === 0 ? (
        <Banner tone="warn">{t('hardening.noHosts')}</Banner>
      ) : (
        <HostHardening key={host} host={host} onChanged={refresh} focusUser={focusUser} />
      )}
    </>
  );
}

// Keyed by host: switching hosts starts from a clean selection and preview.
function HostHardening({ host, onChanged, focusUser }: { host: string; onChanged: () => void; focusUser?: string }) {
  const { t } = useT();
  const [selected, setSelected] = useState<Set<FixId>>(new Set());
  const [asking, setAsking] = useState<string | null>(null);
  // A rollback starts the apply panel afresh: its last result no longer describes the host.
  const [generation, setGeneration] = useState(0);
  const clearSelection = () => setSelected(new Set());
  const afterRollback = () => {
    clearSelection();
    setGeneration((g) => g + 1);
    onChanged();
  };
  const state = useQuery({
    queryKey: hardeningKeys.host(host),
    queryFn: () => fetchJson<HardeningState>(hostPath(host, '/hardening')),
  });
  const toggle = (fix: FixId) => setSelected((s) => (s.has(fix) ? new Set([...s].filter((f) => f !== fix)) : new Set([...s, fix])));

  if (state.isPending) return <p className="text-sm text-slate-500">{t('hardening.reading')}</p>;
  if (state.isError) return <Banner tone="danger">{(state.error as Error).message}</Banner>;
  const s = state.data;
  // Only fixes the current assessment still offers (a finished apply removes them).
  const fixes = s.fixable.filter((f) => selected.has(f));

  return (
    <div className="space-y-6">
      {s.busy && <Banner tone="warn">{t('hardening.busy')}</Banner>}
      {s.interrupted && (
        <Banner tone="danger" testId="interrupted">
          <p>{t('hardening.interrupted', { id: s.interrupted.backupId })}</p>
          <Button
            nowrap
            className="mt-2"
            onClick={() => {
              setAsking(s.interrupted!.backupId);
              document.getElementById('backups')?.scrollIntoView({ behavior: 'smooth' });
            }}
          >
            {t('hardening.interrupted.action', { id: s.interrupted.backupId })}
          </Button>
        </Banner>
      )}
      <FindingsCard findings={s.findings} selected={selected} onToggle={toggle} />
      <ApplyPanel key={generation} host={host} fixes={fixes} onChanged={onChanged} onApplied={clearSelection} />
      <BackupsCard host={host} backups={s.backups} onChanged={afterRollback} asking={asking} setAsking={setAsking} />
      <LimitsCard host={host} admin focusUser={focusUser} />
      <ProbesCard host={host} source={s.probeSource} />
    </div>
  );
}
