'use client';

import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import type { ActionJobView } from '@/lib/queue/actions/types';

// A running action (phase, ids through postsuper, elapsed) and its result:
// postsuper's own counts first, then what did not go as previewed.

const seconds = (ms: number) => (ms / 1000).toFixed(1);

const STEPS = ['refresh', 'execute', 'update'] as const;

/** Reading the queue again ~10%, postsuper by ids passed ~85%, the index update the rest. */
function percent(job: ActionJobView): number {
  if (job.phase === 'refresh' || job.phase === 'queued') return 5;
  if (job.phase === 'execute') return 10 + Math.round(85 * (job.total ? job.done / job.total : 0));
  return job.phase === 'update' ? 97 : 100;
}

export function ActionProgress({ job }: { job: ActionJobView }) {
  const { t, f } = useT();
  const pct = percent(job);
  const at = STEPS.indexOf(job.phase as (typeof STEPS)[number]);
  return (
    <div className="mt-4 space-y-3 text-sm" data-testid="action-progress">
      <ol className="flex flex-wrap gap-2 text-xs">
        {STEPS.map((step, i) => (
          <li
            key={step}
            className={`rounded-full px-2.5 py-1 ${i < at ? 'bg-emerald-50 text-emerald-700' : i === at ? 'bg-brand-600 font-medium text-white' : 'bg-slate-100 text-slate-500'}`}
          >
            {i < at ? '✓ ' : ''}
            {t(`queueActions.phase.${step}` as MessageKey)}
          </li>
        ))}
      </ol>
      <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="flex justify-between text-xs text-slate-500">
        <span>
          {job.total !== null
            ? t('queueActions.progress', { done: f.number(job.done), total: f.number(job.total) })
            : t(`queueActions.phase.${job.phase}` as MessageKey)}
        </span>
        <span className="tabular-nums">{t('queueActions.elapsed', { seconds: seconds(job.elapsedMs) })}</span>
      </p>
    </div>
  );
}

export function ActionResultView({ job }: { job: ActionJobView }) {
  const { t, f } = useT();
  const r = job.result;
  if (!r) {
    return (
      <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
        {job.error?.message ?? t('queueActions.failed')}
      </p>
    );
  }
  const lines: [string, number | null][] = [
    [t('queueActions.result.requested'), r.requested],
    [t('queueActions.result.gone'), r.gone],
    [t('queueActions.result.arrived'), r.arrivedSincePreview],
    [t('queueActions.result.noLongerMatching'), r.noLongerMatching],
    [t('queueActions.result.notActed'), r.notActed],
  ];
  return (
    <div className="mt-4 space-y-3 text-sm" data-testid="action-result">
      <p className="text-base text-slate-900">
        {r.flushedAll ? (
          t('queueActions.result.flushedAll')
        ) : (
          <>
            <span className="text-2xl font-semibold tabular-nums" data-testid="result-acted">
              {f.number(r.acted)}
            </span>{' '}
            {t(`queueActions.result.done.${r.action}` as MessageKey)}
          </>
        )}
      </p>
      {Object.keys(r.postsuper).length > 0 && (
        <p className="font-mono text-xs text-slate-600" data-testid="postsuper-counts">
          postsuper:{' '}
          {Object.entries(r.postsuper)
            .map(([k, n]) => `${t(`queueActions.count.${k}` as MessageKey)} ${n}`)
            .join(', ')}{' '}
          · {t('queueActions.result.runs', { runs: r.runs })}
        </p>
      )}
      <dl className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-slate-600">
        {lines
          .filter(([, n], i) => n !== null && (i === 0 || n > 0))
          .map(([label, n]) => (
            <div key={label} className="contents">
              <dt>{label}</dt>
              <dd className="text-right tabular-nums">{f.number(n!)}</dd>
            </div>
          ))}
        <dt>{t('queueActions.result.duration')}</dt>
        <dd className="text-right tabular-nums">{seconds(r.durationMs)} s</dd>
      </dl>
      {r.error && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-red-700">
          {t('queueActions.result.partial', { error: r.error })}
        </p>
      )}
      <p className="text-xs text-slate-400">{t('queueActions.result.audited')}</p>
    </div>
  );
}
