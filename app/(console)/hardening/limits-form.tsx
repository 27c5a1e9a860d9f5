'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/ui/field';
import { hostPath } from '@/lib/hosts/keys';
import type { LimitsResult } from '@/lib/limits/apply';
import { DOWN_ACTIONS, NO_LIMITS, type LimitPolicy } from '@/lib/limits/schemas';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';
import { DiffView } from './diff-view';
import type { MessageKey } from '@/lib/i18n/catalogue/en';
import { Banner, Mono } from './hardening-ui';
import { KeyedRows, LimitSetInputs } from './limit-set-inputs';

type Props = { host: string; stored: LimitPolicy; applied: boolean; onChanged: () => void };
type Draft = {
  defaults: LimitPolicy['defaults'];
  domains: { key: string; limits: LimitPolicy['defaults'] }[];
  overrides: { key: string; limits: LimitPolicy['defaults'] }[];
  exempt: string;
  downAction: LimitPolicy['downAction'];
};

const toDraft = (p: LimitPolicy): Draft => ({
  defaults: p.defaults,
  domains: p.domains.map((d) => ({ key: d.domain, limits: d.limits })),
  overrides: p.overrides.map((o) => ({ key: o.login, limits: o.limits })),
  exempt: p.exempt.join('\n'),
  downAction: p.downAction,
});
const toPolicy = (d: Draft): LimitPolicy => ({
  defaults: d.defaults,
  domains: d.domains.filter((r) => r.key).map((r) => ({ domain: r.key, limits: r.limits })),
  overrides: d.overrides.filter((r) => r.key).map((r) => ({ login: r.key, limits: r.limits })),
  exempt: d.exempt.split(/[\s,]+/).filter(Boolean),
  downAction: d.downAction,
});

// A failed apply or remove still answers with its steps (in the error details).
const withSteps = (err: unknown) => {
  if (err instanceof ApiError && err.details && typeof err.details === 'object' && 'steps' in err.details) return err.details as LimitsResult;
  throw err;
};

// Edit, Preview (ruleset + main.cf diff), Apply behind a confirmation; Remove likewise.
export function LimitsForm({ host, stored, applied, onChanged }: Props) {
  const { t } = useT();
  const [draft, setDraft] = useState(() => toDraft(stored));
  const [confirming, setConfirming] = useState<'apply' | 'remove' | null>(null);
  const url = hostPath(host, '/limits');
  const policyJson = JSON.stringify(toPolicy(draft));
  const [previewedFor, setPreviewedFor] = useState('');
  const post = (dryRun: boolean) => fetchJson<LimitsResult>(url, { method: 'POST', json: { policy: toPolicy(draft), dryRun } });
  const preview = useMutation({ mutationFn: () => post(true), onSuccess: () => setPreviewedFor(policyJson) });
  const done = {
    onSettled: () => {
      setConfirming(null);
      onChanged();
    },
  };
  const apply = useMutation({ mutationFn: () => post(false).catch(withSteps), ...done });
  const remove = useMutation({ mutationFn: () => fetchJson<LimitsResult>(url, { method: 'DELETE' }).catch(withSteps), ...done });
  const previewed = preview.data && previewedFor === policyJson ? preview.data : undefined;
  const busy = preview.isPending || apply.isPending || remove.isPending;
  const result = apply.data ?? remove.data;
  const section = 'mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500';

  return (
    <div className="space-y-5" data-testid="limits-form">
      <section>
        <h3 className={section}>{t('limits.defaults')}</h3>
        <p className="mb-2 text-xs text-slate-500">{t('limits.defaults.hint')}</p>
        <LimitSetInputs value={draft.defaults} onChange={(defaults) => setDraft({ ...draft, defaults })} label={t('limits.defaults')} />
      </section>
      <section>
        <h3 className={section}>{t('limits.domains')}</h3>
        <KeyedRows
          testId="limits-domains"
          rows={draft.domains}
          onChange={(domains) => setDraft({ ...draft, domains })}
          keyLabel={t('limits.domain')}
          placeholder="example.com"
          addLabel={t('limits.addDomain')}
          empty={NO_LIMITS}
        />
      </section>
      <section>
        <h3 className={section}>{t('limits.overrides')}</h3>
        <p className="mb-2 text-xs text-slate-500">{t('limits.overrides.hint')}</p>
        <KeyedRows
          testId="limits-overrides"
          rows={draft.overrides}
          onChange={(overrides) => setDraft({ ...draft, overrides })}
          keyLabel={t('limits.login')}
          placeholder="news@example.com"
          addLabel={t('limits.addLogin')}
          empty={NO_LIMITS}
        />
      </section>
      <section>
        <h3 className={section}>{t('limits.exempt')}</h3>
        <textarea
          aria-label={t('limits.exempt')}
          rows={2}
          placeholder="root@example.com"
          className={inputClass}
          value={draft.exempt}
          onChange={(e) => setDraft({ ...draft, exempt: e.target.value })}
        />
        <p className="mt-1 text-xs text-slate-500">{t('limits.exempt.hint')}</p>
      </section>
      <fieldset>
        <legend className={section}>{t('limits.down')}</legend>
        <div className="space-y-2">
          {DOWN_ACTIONS.map((a) => (
            <label key={a} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={`down-${host}`}
                value={a}
                className="mt-1"
                checked={draft.downAction === a}
                onChange={() => setDraft({ ...draft, downAction: a })}
              />
              <span>
                <span className="font-medium text-slate-800">{t(`limits.down.${a}` as MessageKey)}</span>
                <span className="block text-xs text-slate-500">{t(`limits.down.${a}.why` as MessageKey)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap gap-2">
        <Button
          nowrap
          disabled={busy}
          onClick={() => {
            apply.reset();
            remove.reset();
            preview.mutate();
          }}
        >
          {t('limits.preview')}
        </Button>
        <Button kind="primary" nowrap disabled={!previewed || busy} onClick={() => setConfirming('apply')}>
          {apply.isPending ? t('limits.applying') : t('limits.apply')}
        </Button>
        {applied && (
          <Button kind="destructive" nowrap disabled={busy} onClick={() => setConfirming('remove')}>
            {remove.isPending ? t('limits.removing') : t('limits.remove')}
          </Button>
        )}
      </div>
      {[preview, apply, remove].map(
        (m, i) =>
          m.isError && (
            <Banner key={i} tone="danger">
              {(m.error as Error).message}
            </Banner>
          ),
      )}
      {confirming && (
        <Banner tone="warn" testId="limits-confirm">
          <p>{t(confirming === 'apply' ? 'limits.confirm.apply' : 'limits.confirm.remove', { host })}</p>
          <div className="mt-3 flex gap-2">
            <Button kind="primary" nowrap disabled={busy} onClick={() => (confirming === 'apply' ? apply : remove).mutate()}>
              {t('limits.confirm.yes')}
            </Button>
            <Button nowrap onClick={() => setConfirming(null)}>
              {t('hardening.apply.cancel')}
            </Button>
          </div>
        </Banner>
      )}
      {result && (
        <div className="space-y-3" data-testid="limits-result" data-ok={result.ok}>
          <Banner tone={result.ok ? 'ok' : 'danger'}>
            {result.ok
              ? t('limits.done', { id: result.backupId ?? '' })
              : t(result.rolledBack ? 'limits.failed' : 'limits.failedNoRollback', {
                  step: result.failed ? t(`limits.step.${result.failed.step}` as MessageKey) : '',
                  id: result.backupId ?? '',
                })}
          </Banner>
          <LimitsSteps steps={result.steps} />
        </div>
      )}
      {previewed && !result && (
        <div className="space-y-4" data-testid="limits-preview">
          <section>
            <h3 className={section}>{t('hardening.apply.diff')}</h3>
            <DiffView diff={previewed.preview.diff} />
          </section>
          <section>
            <h3 className={section}>{t('limits.ruleset')}</h3>
            <Mono lines={previewed.preview.ruleset.replace(/\n$/, '').split('\n')} testId="limits-ruleset" />
          </section>
        </div>
      )}
    </div>
  );
}

function LimitsSteps({ steps }: { steps: LimitsResult['steps'] }) {
  const { t } = useT();
  return (
    <ol className="space-y-1.5 text-sm" data-testid="limits-steps">
      {steps.map((s, i) => (
        <li key={i} data-testid="limits-step" data-step={s.step} data-ok={s.ok} className="flex gap-2">
          <span aria-hidden className={`w-4 shrink-0 font-bold ${s.ok ? 'text-emerald-600' : 'text-red-600'}`}>
            {s.ok ? '✓' : '✕'}
          </span>
          <div className="min-w-0">
            <span className="font-medium">{t(`limits.step.${s.step}` as MessageKey)}</span>
            {s.target && <code className="ml-2 break-all rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs">{s.target}</code>}
            {s.detail && <pre className={`mt-1 whitespace-pre-wrap break-all font-mono text-xs ${s.ok ? 'text-slate-500' : 'text-red-700'}`}>{s.detail}</pre>}
          </div>
        </li>
      ))}
    </ol>
  );
}
