import 'server-only';
import type { QueueIndex } from './index-store';
import type { ScanState } from './types';

// Per-host queue state of this console process, on globalThis so Next's
// module reloads in development keep it. The index lives only in memory: a
// restart starts with "never scanned", and the next scan rebuilds it.

export interface HostQueue {
  index: QueueIndex | null;
  state: ScanState;
  running: Promise<void> | null;
}

export function initialState(): ScanState {
  return {
    status: 'never',
    mode: null,
    method: null,
    reader: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    seen: 0,
    parsed: 0,
    errors: 0,
    errorSamples: [],
    indexed: 0,
    changes: null,
    error: null,
    note: null,
  };
}

const store = globalThis as unknown as { __mwQueues?: Map<string, HostQueue> };

export function hostQueue(host: string): HostQueue {
  const all = (store.__mwQueues ??= new Map());
  let hq = all.get(host);
  if (!hq) {
    hq = { index: null, state: initialState(), running: null };
    all.set(host, hq);
  }
  return hq;
}

/** A copy safe to serialise while the scan keeps updating the original. */
export function snapshot(hq: HostQueue): ScanState {
  const s = hq.state;
  return {
    ...s,
    indexed: s.status === 'running' && hq.index ? hq.index.live : s.indexed,
    errorSamples: [...s.errorSamples],
    changes: s.changes ? { ...s.changes } : null,
    error: s.error ? { ...s.error } : null,
  };
}
