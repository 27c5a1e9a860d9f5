'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { useT } from '@/components/i18n-provider';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { MessageKey } from '@/lib/i18n/translate';
import { queueActionKeys } from '@/lib/queue/actions/keys';
import type { QueueAction } from '@/lib/queue/actions/schemas';
import type { ActionJobView, ActionResponse } from '@/lib/queue/actions/types';
import { queueKeys, queuePath } from '@/lib/queue/keys';
import type { QueueFilter } from '@/lib/queue/schemas';
import { ApiError, fetchJson } from '@/lib/query/fetch-json';
import { useJobPoll } from '@/lib/query/use-job-poll';
import { ActionPreviewView } from './action-preview';
import { ActionProgress, ActionResultView } from './action-result';

// Preview → confirm → result. The preview is a dry run of the same request;
// the execution names the preview so the result can say what arrived or
// left in between. Long actions come back as a job that is polled.
// Escape closes it, except while the action runs.

export type ActionTarget = { ids: string[] } | { filter: QueueFilter };

const OVER = new Set(['done', 'failed', 'interrupted']);

export function ActionDialog({
  host,
  action: initial,
  target,
  onClose,
  onDone,
}: {
  host: string;
  action: QueueAction;
  target: ActionTarget;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, f } = useT();
  const qc = useQueryClient();
  const [action, setAction] = useState(initial);
  const filter = 'filter' in target ? target.filter : null;
  // Delete defaults to what is already held when the filter says so; it can be narrowed to it otherwise.
  const [onlyHeld, setOnlyHeld] = useState(filter?.queue === 'hold');
  const [confirm, setConfirm] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [finished, setFinished] = useState<ActionJobView | null>(null);
  const url = queuePath(host, '/actions');
  const effective: ActionTarget = useMemo(
    () => (action === 'delete' && onlyHeld && filter ? { filter: { ...filter, queue: 'hold' } } : target),
    [action, onlyHeld, filter, target],
  );

  const preview = useQuery({
    queryKey: [...queueActionKeys.all, 'preview', host, action, JSON.stringify(effective)],
    queryFn: () => fetchJson<ActionResponse>(url, { method: 'POST', json: { action, ...effective, dryRun: true } }),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
  const p = preview.data?.kind === 'preview' ? preview.data.preview : null;

  const settled = useRef(false);
  const settle = (job: ActionJobView) => {
    if (settled.current) return;
    settled.current = true;
    setFinished(job);
    void qc.invalidateQueries({ queryKey: queueKeys.host(host) });
    onDone();
  };
  const run = useMutation({
    mutationFn: () =>
      fetchJson<ActionResponse>(url, { method: 'POST', json: { action, ...effective, confirm: confirm || undefined, previewId: p?.previewId } }),
    onSuccess: (res) => {
      if (res.kind === 'result') settle(res.job);
      else if (res.kind === 'job') setJobId(res.job.id);
    },
  });
  const job = useJobPoll({
    queryKey: queueActionKeys.job(host, jobId ?? ''),
    queryFn: () => fetchJson<{ job: ActionJobView }>(`${url}?job=${encodeURIComponent(jobId!)}`).then((r) => r.job),
    running: (j) => !j || !OVER.has(j.phase),
    enabled: jobId !== null && finished === null,
    onEnd: settle,
  });

  const running = run.isPending || (jobId !== null && finished === null);
  const danger = action === 'delete';
  const canRun = p !== null && p.total > 0 && (!p.confirmation.required || confirm.trim() !== '') && !running && finished === null;
  const runError = run.error instanceof ApiError ? run.error : null;

  return (
    <Dialog
      title={t(`queueActions.title.${action}` as MessageKey)}
      onClose={onClose}
      busy={running}
      danger={danger}
      size="xl"
      testid="queue-action-dialog"
      footer={
        <>
          <Button size="lg" onClick={onClose} disabled={running} data-testid="queue-action-cancel">
            {finished ? t('queueActions.close') : t('queueActions.cancel')}
          </Button>
          {!finished && !jobId && (
            <Button kind={danger ? 'destructive' : 'primary'} size="lg" data-testid="run-action" disabled={!canRun} onClick={() => run.mutate()}>
              {t(`queueActions.run.${action}` as MessageKey, { count: f.number(p?.total ?? 0) })}
            </Button>
          )}
        </>
      }
    >
      {finished ? (
        <ActionResultView job={finished} />
      ) : jobId && job.data ? (
        <ActionProgress job={job.data} />
      ) : (
        <>
          {preview.isPending && <p className="mt-4 text-sm text-slate-500">{t('queueActions.previewing')}</p>}
          {preview.isError && (
            <p role="alert" className="mt-4 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {(preview.error as Error).message}
            </p>
          )}
          {action === 'delete' && filter && filter.queue !== 'hold' && (
            <label className="mt-4 flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" checked={onlyHeld} onChange={(e) => setOnlyHeld(e.target.checked)} data-testid="only-held" />
              {t('queueActions.onlyHeld')}
            </label>
          )}
          {p && <ActionPreviewView preview={p} onHoldInstead={() => setAction('hold')} />}
          {p?.confirmation.required && (
            <label className="mt-4 block text-sm text-slate-700">
              {t('queueActions.confirmPrompt', { expected: p.confirmation.expected ?? '' })}
              <input
                className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
                aria-label={t('queueActions.confirmLabel')}
                data-testid="confirm-input"
                autoComplete="off"
                value={confirm}
                onChange={(e) => setConfirm(e.target.value)}
              />
            </label>
          )}
          {runError && (
            <p role="alert" className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
              {runError.message}
            </p>
          )}
          {run.isPending && <p className="mt-3 text-sm text-slate-500">{t('queueActions.running')}</p>}
        </>
      )}
    </Dialog>
  );
}
