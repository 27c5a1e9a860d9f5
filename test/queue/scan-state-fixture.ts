// Test helper: a fresh scan state without the server-only registry.
import type { ScanState } from '@/lib/queue/types';

export function initialStateForTest(): ScanState {
  return {
    status: 'running',
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
