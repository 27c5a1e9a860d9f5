'use client';

import { useState } from 'react';
import { useT } from '@/components/i18n-provider';
import type { MessageKey } from '@/lib/i18n/translate';
import { QUEUE_ACTIONS, type QueueAction } from '@/lib/queue/actions/schemas';
import type { QueueFilter } from '@/lib/queue/schemas';
import { ActionDialog, type ActionTarget } from './action-dialog';

// Row selection and the action buttons above the queue table. A selection
// is either ticked ids or "everything matching this filter"; it is dropped
// whenever the filter (or host) changes, so it never outlives what it meant.

export type QueueSelection = {
  ids: Set<string>;
  allMatching: boolean;
  toggle(id: string): void;
  setPage(ids: string[], on: boolean): void;
  selectAllMatching(): void;
  clear(): void;
};

export function useQueueSelection(resetKey: string): QueueSelection {
  const [state, setState] = useState({ key: resetKey, ids: new Set<string>(), allMatching: false });
  // Reset during render when the filter changed (React's "adjust state on prop change").
  const current = state.key === resetKey ? state : { key: resetKey, ids: new Set<string>(), allMatching: false };
  if (current !== state) setState(current);
  return {
    ids: current.ids,
    allMatching: current.allMatching,
    toggle: (id) =>
      setState((s) => {
        const ids = new Set(s.ids);
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { ...s, ids, allMatching: false };
      }),
    setPage: (pageIds, on) =>
      setState((s) => {
        const ids = new Set(s.ids);
        for (const id of pageIds) if (on) ids.add(id); else ids.delete(id);
        return { ...s, ids, allMatching: false };
      }),
    selectAllMatching: () => setState((s) => ({ ...s, ids: new Set(), allMatching: true })),
    clear: () => setState((s) => ({ ...s, ids: new Set(), allMatching: false })),
  };
}

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
    <div className="mb-3 flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm shadow-sm" data-testid="queue-action-bar">
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
        <button type="button" className="text-slate-500 underline hover:text-slate-700" onClick={selection.clear}>{t('queueActions.clear')}</button>
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
      {open && (
        <ActionDialog
          host={host}
          action={open.action}
          target={open.target}
          onClose={() => setOpen(null)}
          onDone={selection.clear}
        />
      )}
    </div>
  );
}
