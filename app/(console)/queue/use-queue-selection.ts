'use client';

import { useState } from 'react';

// Row selection of the queue table. A selection is either ticked ids or
// "everything matching this filter"; it is dropped whenever the filter (or
// host) changes, so it never outlives what it meant.

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
        for (const id of pageIds)
          if (on) ids.add(id);
          else ids.delete(id);
        return { ...s, ids, allMatching: false };
      }),
    selectAllMatching: () => setState((s) => ({ ...s, ids: new Set(), allMatching: true })),
    clear: () => setState((s) => ({ ...s, ids: new Set(), allMatching: false })),
  };
}
