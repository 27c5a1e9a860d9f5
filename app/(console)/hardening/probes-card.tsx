'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { ProbeSource } from '@/lib/hardening/state';
import { probeNameMessage } from '@/lib/hardening/messages';
import { hostPath } from '@/lib/hosts/keys';
import { PROBE_NAMES, PROBES, type ProbeName } from '@/lib/probes/probe-defs';
import type { ProbeRun } from '@/lib/probes/run-probes';
import { fetchJson } from '@/lib/query/fetch-json';
import { Banner } from './hardening-ui';
import { ProbeResults } from './probe-results';

// Live SMTP probes on demand: pick them, give a mailbox login for the AUTH
// ones (kept in this form only), read the verdicts and transcripts.
export function ProbesCard({ host, source }: { host: string; source: ProbeSource }) {
  const { t } = useT();
  const [picked, setPicked] = useState<Set<ProbeName>>(new Set(['relay', 'forged-sender', 'own-sender']));
  const [login, setLogin] = useState({ username: '', password: '' });
  const needsLogin = [...picked].some((p) => PROBES[p].auth);
  const run = useMutation({
    mutationFn: () =>
      fetchJson<ProbeRun>(hostPath(host, '/probes'), {
        method: 'POST',
        json: { probes: PROBE_NAMES.filter((p) => picked.has(p)), ...(needsLogin ? { auth: login } : {}) },
      }),
  });
  const toggle = (p: ProbeName) => setPicked((s) => (s.has(p) ? new Set([...s].filter((x) => x !== p)) : new Set([...s, p])));
  const ready = picked.size > 0 && (!needsLogin || (login.username && login.password));

  return (
    <Card title={t('probes.title')}>
      <p className="mb-1 text-sm text-slate-500">{t('probes.hint')}</p>
      {source.address && source.insideMynetworks === false && <p className="mb-3 text-xs text-slate-500">{t('probes.source', { source: source.address })}</p>}
      {!source.address && (
        <div className="mb-3">
          <Banner tone="warn">{t('probes.warning.no-source')}</Banner>
        </div>
      )}
      {source.address && source.insideMynetworks && (
        <div className="mb-3">
          <Banner tone="warn">{t('probes.warning.source-in-mynetworks', { source: source.address })}</Banner>
        </div>
      )}
      <div className="mb-3 flex flex-wrap gap-x-5 gap-y-2">
        {PROBE_NAMES.map((p) => (
          <label key={p} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={picked.has(p)} onChange={() => toggle(p)} data-testid={`probe-${p}`} />
            {t(probeNameMessage(p))}
          </label>
        ))}
      </div>
      <div className="mb-3 grid gap-3 sm:grid-cols-[1fr_1fr_auto]">
        <input
          aria-label={t('probes.mailbox')}
          placeholder={t('probes.mailbox')}
          autoComplete="off"
          disabled={!needsLogin}
          className={inputClass}
          value={login.username}
          onChange={(e) => setLogin({ ...login, username: e.target.value.trim() })}
        />
        <input
          aria-label={t('probes.password')}
          placeholder={t('probes.password')}
          type="password"
          autoComplete="new-password"
          disabled={!needsLogin}
          className={inputClass}
          value={login.password}
          onChange={(e) => setLogin({ ...login, password: e.target.value })}
        />
        <Button kind="primary" nowrap disabled={!ready || run.isPending} onClick={() => run.mutate()}>
          {run.isPending ? t('probes.running') : t('probes.run')}
        </Button>
      </div>
      {needsLogin && !(login.username && login.password) && <p className="mb-3 text-xs text-slate-500">{t('probes.needLogin')}</p>}
      {run.isError && <Banner tone="danger">{(run.error as Error).message}</Banner>}
      {run.data && <ProbeResults results={run.data.results} warnings={run.data.warnings.filter((w) => w.code !== 'no-source')} />}
    </Card>
  );
}
