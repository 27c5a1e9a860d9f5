'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { buttonStyle } from '@/components/ui/button';
import type { ApplyResult } from '@/lib/hardening/apply-types';
import { findingMessage, fixMessage, severityMessage, stepMessage } from '@/lib/hardening/messages';
import type { Finding, FixId } from '@/lib/hardening/types';
import { incidentKeys, incidentPath } from '@/lib/incident/keys';
import { fetchJson } from '@/lib/query/fetch-json';
import { DiffView } from '../../hardening/diff-view';
import { Confirm, errText, Outcome } from './incident-ui';

// Step 3: the host's findings, worst first, and the fix through the
// hardening module: preview the main.cf diff, confirm, apply.

type State = { host: string; findings: Finding[]; fixable: FixId[]; busy: boolean };

const TONE: Record<string, string> = {
  critical: 'bg-red-600 text-white',
  high: 'bg-orange-500 text-white',
  medium: 'bg-amber-100 text-amber-800',
  low: 'bg-slate-100 text-slate-700',
  unknown: 'bg-slate-100 text-slate-600',
  ok: 'bg-emerald-100 text-emerald-800',
};

export function StepHarden({ host, username, onResult }: { host: string; username: string; onResult: (ok: boolean) => void }) {
  const { t } = useT();
  const qc = useQueryClient();
  const path = incidentPath(username, '/harden', host);
  const state = useQuery({ queryKey: incidentKeys.harden(host, username), queryFn: () => fetchJson<State>(path) });
  const [chosen, setChosen] = useState<FixId[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  const urgent = (state.data?.findings ?? []).filter((f) => f.fix && (f.severity === 'critical' || f.severity === 'high')).map((f) => f.fix!);
  const fixes = chosen ?? [...new Set(urgent)];
  const preview = useMutation({ mutationFn: () => fetchJson<ApplyResult>(path, { method: 'POST', json: { fixes, dryRun: true } }) });
  const apply = useMutation({
    mutationFn: () => fetchJson<ApplyResult>(path, { method: 'POST', json: { fixes, dryRun: false } }),
    onSuccess: () => {
      setConfirming(false);
      onResult(true);
      void qc.invalidateQueries({ queryKey: incidentKeys.of(host, username) });
    },
    onError: () => setConfirming(false),
  });
  const toggle = (f: FixId) => setChosen((c) => ((c ?? fixes).includes(f) ? (c ?? fixes).filter((x) => x !== f) : [...(c ?? fixes), f]));
  const s = state.data;
  const shown = (s?.findings ?? []).filter((f) => f.severity !== 'ok');
  return (
    <div className="space-y-3 text-sm">
      <p className="text-slate-600">{t('incident.harden.intro')}</p>
      {state.isPending && <p className="text-slate-500">{t('common.loading')}</p>}
      {state.isError && <Outcome ok={false}>{errText(state.error)}</Outcome>}
      {s && s.busy && <Outcome ok={null}>{t('incident.harden.busy')}</Outcome>}
      {s && s.fixable.length === 0 && !apply.data && (
        <div>
          <Outcome ok testid="harden-ok">
            {t('incident.harden.ok')}
          </Outcome>
          <button type="button" className={`mt-2 ${buttonStyle()}`} onClick={() => onResult(true)}>
            {t('incident.step.skip')}
          </button>
        </div>
      )}
      {shown.length > 0 && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-testid="findings">
          {shown.map((f, i) => (
            <li
              key={`${f.key}-${f.service ?? ''}-${i}`}
              className="flex items-start gap-3 px-3 py-2"
              data-testid="finding"
              data-key={f.key}
              data-severity={f.severity}
            >
              <span className={`mt-0.5 shrink-0 rounded px-1.5 py-0.5 text-xs font-medium ${TONE[f.severity]}`}>{t(severityMessage(f.severity))}</span>
              <div className="min-w-0 flex-1">
                <p className="text-slate-800">{t(findingMessage(f.key), f.vars)}</p>
                {f.evidence.slice(0, 2).map((e) => (
                  <code key={e} className="mt-0.5 block truncate font-mono text-xs text-slate-500">
                    {e}
                  </code>
                ))}
              </div>
              {f.fix && !f.service && (
                <label className="flex shrink-0 items-center gap-1 text-xs text-slate-700">
                  <input type="checkbox" checked={fixes.includes(f.fix)} onChange={() => toggle(f.fix!)} data-testid={`fix-${f.fix}`} />
                  {t(fixMessage(f.fix))}
                </label>
              )}
            </li>
          ))}
        </ul>
      )}
      {s && s.fixable.length > 0 && !apply.data && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={buttonStyle()}
            disabled={fixes.length === 0 || preview.isPending}
            onClick={() => preview.mutate()}
            data-testid="harden-preview"
          >
            {t('incident.harden.preview')}
          </button>
          <button
            type="button"
            className={buttonStyle('primary', { size: 'lg' })}
            disabled={fixes.length === 0 || apply.isPending || s.busy}
            onClick={() => setConfirming(true)}
            data-testid="harden-apply"
          >
            {t('incident.harden.apply')}
          </button>
        </div>
      )}
      {preview.isError && <Outcome ok={false}>{errText(preview.error)}</Outcome>}
      {preview.data && !apply.data && <DiffView diff={preview.data.preview.diff} />}
      {confirming && (
        <Confirm
          text={t('incident.harden.confirm', { host, fixes: fixes.map((f) => t(fixMessage(f))).join(', ') })}
          yes={t('incident.harden.confirmYes')}
          busy={apply.isPending}
          onYes={() => apply.mutate()}
          onNo={() => setConfirming(false)}
          testid="harden-confirm"
        />
      )}
      {apply.isError && (
        <Outcome ok={false} testid="harden-result">
          {t('incident.harden.failed', { message: errText(apply.error) })}
        </Outcome>
      )}
      {apply.data && (
        <div data-testid="harden-result" data-backup={apply.data.backupId}>
          <Outcome ok={apply.data.ok}>{t('incident.harden.applied', { backupId: apply.data.backupId ?? '' })}</Outcome>
          <ul className="mt-1 space-y-0.5 text-xs text-slate-600">
            {apply.data.steps.map((st, i) => (
              <li key={i}>
                {st.ok ? '✓' : '✕'} {t(stepMessage(st.step))}
                {st.target ? ` — ${st.target}` : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
