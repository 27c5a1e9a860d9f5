'use client';

import { Card } from '@/components/card';
import { useT } from '@/components/i18n-provider';
import type { SweepView } from '@/lib/passwords/schemas';
import { Button } from '@/components/ui/button';

type Props = { sweep: SweepView | null; busy: boolean; onStart: (resume: boolean) => void; onCancel: () => void; error?: string };

export function SweepCard({ sweep, busy, onStart, onCancel, error }: Props) {
  const { t, f } = useT();
  const running = sweep?.status === 'running' || sweep?.status === 'cancelling';
  const resumable = sweep && (sweep.status === 'cancelled' || sweep.status === 'interrupted' || sweep.status === 'failed');
  const pct = sweep && sweep.total > 0 ? Math.round((sweep.done / sweep.total) * 100) : 0;
  return (
    <Card title={t('weak.sweep.title')}>
      <p className="mb-3 text-sm text-slate-600">{t('weak.sweep.help', { candidates: f.number(sweep?.candidates || 1000) })}</p>
      {sweep && (
        <div className="mb-3" data-testid="sweep-progress">
          <div className="mb-1 flex flex-wrap justify-between gap-2 text-sm">
            <span data-testid="sweep-status">{t(`weak.status.${sweep.status}`)}</span>
            <span className="tabular-nums text-slate-600">
              {t('weak.sweep.progress', { done: f.number(sweep.done), total: f.number(sweep.total), flagged: sweep.flagged })}
            </span>
          </div>
          <div className="h-2 w-full overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-brand-600 transition-all" style={{ width: `${pct}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-500">
            {t('weak.sweep.meta', {
              actor: sweep.actor,
              started: f.dateTime(sweep.startedAt),
              seconds: Math.round(sweep.elapsedMs / 1000),
              untestable: sweep.untestable,
            })}
          </p>
          {sweep.error && (
            <p role="alert" className="mt-1 text-sm text-red-700">
              {sweep.error}
            </p>
          )}
        </div>
      )}
      {error && (
        <p role="alert" className="mb-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-2">
        {running ? (
          <Button disabled={busy || sweep?.status === 'cancelling'} onClick={onCancel}>
            {t('weak.sweep.cancel')}
          </Button>
        ) : (
          <>
            <Button kind="primary" disabled={busy} onClick={() => onStart(false)}>
              {t('weak.sweep.start')}
            </Button>
            {resumable && (
              <Button disabled={busy} onClick={() => onStart(true)}>
                {t('weak.sweep.resume', { done: sweep.done, total: sweep.total })}
              </Button>
            )}
          </>
        )}
      </div>
    </Card>
  );
}
