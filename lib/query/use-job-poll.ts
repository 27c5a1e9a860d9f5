'use client';

import { type QueryKey, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';

// The one way the console follows a long job (a queue action, a scan, a
// sweep): its state is read again every `everyMs` while it runs, and `onEnd`
// hears once, from the read that finds it over after it was running. The end
// is caught in the read itself, not in an effect, so it is heard once however
// often the component renders.

/** The read from `before` to `after` is the end of the job: it ran and runs no more. */
export function sawEnd<T>(running: (job: T | undefined) => boolean, before: T | undefined, after: T): boolean {
  return running(before) && !running(after);
}

type Options<T> = {
  queryKey: QueryKey;
  queryFn: () => Promise<T>;
  /** Whether the job still runs; called with undefined before the first read (true: poll until there is one). */
  running: (job: T | undefined) => boolean;
  enabled?: boolean;
  everyMs?: number;
  onEnd?: (job: T) => void;
};

export function useJobPoll<T>({ queryKey, queryFn, running, enabled = true, everyMs = 1000, onEnd }: Options<T>) {
  const qc = useQueryClient();
  const onEndRef = useRef(onEnd);
  useEffect(() => {
    onEndRef.current = onEnd;
  });
  return useQuery({
    queryKey,
    queryFn: async () => {
      const before = qc.getQueryData<T>(queryKey);
      const job = await queryFn();
      if (sawEnd(running, before, job)) onEndRef.current?.(job);
      return job;
    },
    enabled,
    refetchInterval: (q) => (running(q.state.data) ? everyMs : false),
  });
}
