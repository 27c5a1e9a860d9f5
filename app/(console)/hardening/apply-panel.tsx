'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import type { ApplyResult } from '@/lib/hardening/apply-types';
import { fixMessage, probeNameMessage, stepMessage } from '@/lib/hardening/messages';
import type { FixId } from '@/lib/hardening/types';
import { hostPath } from '@/lib/hosts/keys';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';
import { DiffView } from './diff-view';
import { Banner, Mono, StepList } from './hardening-ui';
import { ProbeResults } from './probe-results';

type Props = { host: string; fixes: FixId[]; onChanged: () => void; onApplied: () => void };

// Preview first (the diff and the map files), then Apply behind an explicit
// confirmation; the result lists every step with ✓/✕ and the probes.
export function ApplyPanel({ host, fixes, onChanged, onApplied }: Props) {
  const { t } = useT();
  const [login, setLogin] = useState({ username: '', password: '' });
  const [confirming, setConfirming] = useState(false);
  const selection = fixes.join(',');
  const post = (dryRun: boolean) =>
    fetchJson<ApplyResult>(hostPath(host, '/hardening/apply'), {
      method: 'POST',
      json: { fixes, dryRun, ...(login.username && login.password ? { probeLogin: login } : {}) },
    });
  // The preview belongs to the selection it was made for; a changed selection needs a new one.
  const [previewedFor, setPreviewedFor] = useState('');
  const preview = useMutation({ mutationFn: () => post(true), onSuccess: () => setPreviewedFor(selection) });
  const apply = useMutation({
    mutationFn: async () => {
      try {
        return await post(false);
      } catch (err) {
        // A failed apply still answers with its steps (in the error details).
        if (err instanceof ApiError && err.details && typeof err.details === 'object' && 'steps' in err.details) return err.details as ApplyResult;
        throw err;
      }
    },
    onSettled: (result) => {
      setConfirming(false);
      if (result?.ok) onApplied();
      onChanged();
    },
  });
  const previewed = preview.data && previewedFor === selection ? preview.data : undefined;
  const result = apply.data;
  const startPreview = () => {
    apply.reset();
    preview.mutate();
  };

  return (
    <Card title={t('hardening.apply.title')}>
      {fixes.length === 0 && !result && <p className="text-sm text-slate-500">{t('hardening.apply.none')}</p>}
      {(fixes.length > 0 || result) && (
        <div className="space-y-4">
          {fixes.length > 0 && (
            <>
              <ul className="flex flex-wrap gap-2">
                {fixes.map((f) => (
                  <li key={f} className="rounded-full bg-brand-50 px-3 py-1 text-xs font-medium text-brand-700 ring-1 ring-brand-100">
                    {t(fixMessage(f))}
                  </li>
                ))}
              </ul>
              <fieldset className="grid gap-3 sm:grid-cols-2">
                <legend className="mb-1 text-sm font-medium text-slate-700">{t('hardening.apply.login')}</legend>
                <input
                  aria-label={t('probes.mailbox')}
                  placeholder="test1@example.com"
                  autoComplete="off"
                  className={inputClass}
                  value={login.username}
                  onChange={(e) => setLogin({ ...login, username: e.target.value.trim() })}
                />
                <input
                  aria-label={t('probes.password')}
                  type="password"
                  autoComplete="new-password"
                  placeholder={t('probes.password')}
                  className={inputClass}
                  value={login.password}
                  onChange={(e) => setLogin({ ...login, password: e.target.value })}
                />
                <p className="text-xs text-slate-500 sm:col-span-2">{t('hardening.apply.loginHint')}</p>
              </fieldset>
              <div className="flex gap-2">
                <Button nowrap disabled={preview.isPending || apply.isPending} onClick={startPreview}>
                  {t('hardening.apply.preview')}
                </Button>
                <Button kind="primary" nowrap disabled={!previewed || apply.isPending} onClick={() => setConfirming(true)}>
                  {apply.isPending ? t('hardening.apply.running') : t('hardening.apply.apply')}
                </Button>
              </div>
            </>
          )}
          {preview.isError && <Banner tone="danger">{(preview.error as Error).message}</Banner>}
          {apply.isError && <Banner tone="danger">{(apply.error as Error).message}</Banner>}
          {confirming && previewed && (
            <Banner tone="warn" testId="apply-confirm">
              <p>{t('hardening.apply.confirm', { maps: previewed.preview.maps.length, params: previewed.preview.params.length, host })}</p>
              <div className="mt-3 flex gap-2">
                <Button kind="primary" nowrap disabled={apply.isPending} onClick={() => apply.mutate()}>
                  {t('hardening.apply.confirmYes')}
                </Button>
                <Button nowrap onClick={() => setConfirming(false)}>
                  {t('hardening.apply.cancel')}
                </Button>
              </div>
            </Banner>
          )}
          {result && <ApplyOutcome result={result} />}
          {previewed && !result && <PreviewView result={previewed} />}
        </div>
      )}
    </Card>
  );
}

function PreviewView({ result }: { result: ApplyResult }) {
  const { t } = useT();
  const p = result.preview;
  return (
    <div className="space-y-4" data-testid="preview">
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('hardening.apply.params')}</h3>
        <Mono lines={p.params.map(([n, v]) => `${n} = ${v}`)} />
      </section>
      <section>
        <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('hardening.apply.diff')}</h3>
        <DiffView diff={p.diff} />
      </section>
      {p.maps.length > 0 && (
        <section>
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500">{t('hardening.apply.maps')}</h3>
          <div className="grid gap-3 lg:grid-cols-2">
            {p.maps.map((m) => (
              <div key={m.name}>
                <p className="mb-1 font-mono text-xs font-medium text-slate-700">{m.name}</p>
                <Mono lines={m.content.replace(/\n$/, '').split('\n')} testId="map-file" />
              </div>
            ))}
          </div>
        </section>
      )}
      <p className="text-sm text-slate-600">{t('hardening.apply.probes', { probes: p.probes.map((n) => t(probeNameMessage(n))).join(', ') })}</p>
    </div>
  );
}

function ApplyOutcome({ result }: { result: ApplyResult }) {
  const { t } = useT();
  const failedStep = result.failed ? `${t(stepMessage(result.failed.step))}${result.failed.target ? ` (${result.failed.target})` : ''}` : '';
  return (
    <div className="space-y-4" data-testid="apply-result" data-ok={result.ok}>
      {result.ok ? (
        <Banner tone="ok">{t('hardening.apply.ok', { id: result.backupId ?? '' })}</Banner>
      ) : (
        <Banner tone="danger">
          {t(result.rolledBack ? 'hardening.apply.failed' : 'hardening.apply.rollbackFailed', { step: failedStep, id: result.backupId ?? '' })}
        </Banner>
      )}
      <StepList steps={result.steps} />
      {result.probes.length > 0 && <ProbeResults results={result.probes} warnings={result.probeWarnings} />}
    </div>
  );
}
