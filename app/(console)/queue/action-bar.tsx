'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import { QUEUE_ACTIONS, type QueueAction } from '@/lib/queue/actions/schemas';
import type { QueueFilter } from '@/lib/queue/schemas';
import { ActionDialog, type ActionTarget } from './action-dialog';
import type { QueueSelection } from './use-queue-selection';

// The action buttons above the queue table, acting on the selection
// (use-queue-selection.ts).

const BUTTON: Record<QueueAction, string> = {
  hold: 'border-amber-300 bg-amber-50 text-amber-800 hover:bg-amber-100',
  release: 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  requeue: 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  flush: 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50',
  delete: 'border-red-600 bg-red-600 text-white hover:bg-red-700',
};

type Props = { host: string; filters: Partial<Record<keyof QueueFilter, string>>; total: number; selection: QueueSelection };

export function ActionBar({ host, filters, total, selection }: Props) {
  const { t, f } = useT();
  // The dialog keeps the target it was opened with: the selection is cleared once the action ran.
  const [open, setOpen] = useState<{ action: QueueAction; target: ActionTarget } | null>(null);
  const count = selection.allMatching ? total : selection.ids.size;
  const target: ActionTarget | null = selection.allMatching ? { filter: filters as QueueFilter } : selection.ids.size ? { ids: [...selection.ids] } : null;
  return (
    <div
      className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm"
      data-testid="queue-action-bar"
    >
      <span className="text-slate-600" data-testid="queue-selection">
        {selection.allMatching
          ? t('queueActions.allMatchingSelected', { count: f.number(total) })
          : count
            ? t('queueActions.selected', { count: f.number(count) })
            : t('queueActions.noneSelected')}
      </span>
      {!selection.allMatching && total > 0 && (
        <button type="button" className="text-brand-700 underline hover:text-brand-800" onClick={selection.selectAllMatching} data-testid="select-all-matching">
          {t('queueActions.selectAllMatching', { count: f.number(total) })}
        </button>
      )}
      {(count > 0 || selection.allMatching) && (
        <button type="button" className="text-slate-500 underline hover:text-slate-700" onClick={selection.clear}>
          {t('queueActions.clear')}
        </button>
      )}
      <div className="flex w-full flex-wrap gap-2 sm:ml-auto sm:w-auto">
        {QUEUE_ACTIONS.map((a) => (
          <button
            key={a}
            type="button"
            disabled={!target}
            data-testid={`queue-action-${a}`}
            // Disabled is grey whatever the action's colour: a red Delete must not look ready.
            className={`flex-1 rounded-md border px-3 py-1.5 font-medium disabled:cursor-not-allowed disabled:border-slate-200 disabled:bg-slate-100 disabled:text-slate-400 sm:flex-none sm:py-1 ${BUTTON[a]}`}
            onClick={() => target && setOpen({ action: a, target })}
          >
            {t(`queueActions.action.${a}` as MessageKey)}
          </button>
        ))}
      </div>
      {open && <ActionDialog host={host} action={open.action} target={open.target} onClose={() => setOpen(null)} onDone={selection.clear} />}
    </div>
  );
}
