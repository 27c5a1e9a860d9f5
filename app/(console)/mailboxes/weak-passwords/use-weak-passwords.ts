'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchJson } from '@/lib/query/fetch-json';
import type { ApplyResult, PreviewResult, WeakAction, WeakPasswordsView } from '@/lib/passwords/schemas';

// One hook for the weak-password resource: the view (polled while a sweep
// runs) and its mutations, all under one key prefix.
export const weakPasswordKeys = { all: ['mailboxes', 'weak-passwords'] as const };
const API = '/api/mailboxes/weak-passwords';

export function useWeakPasswords() {
  const qc = useQueryClient();
  const view = useQuery({
    queryKey: weakPasswordKeys.all,
    queryFn: () => fetchJson<WeakPasswordsView>(API),
    refetchInterval: (q) => (q.state.data?.sweep?.status === 'running' || q.state.data?.sweep?.status === 'cancelling' ? 1500 : false),
  });
  const invalidate = () => qc.invalidateQueries({ queryKey: weakPasswordKeys.all });
  const start = useMutation({ mutationFn: (resume: boolean) => fetchJson(`${API}/sweep`, { method: 'POST', json: { resume } }), onSettled: invalidate });
  const cancel = useMutation({ mutationFn: () => fetchJson(`${API}/sweep`, { method: 'DELETE' }), onSettled: invalidate });
  const preview = useMutation({
    mutationFn: (v: { action: WeakAction; usernames: string[] }) => fetchJson<PreviewResult>(`${API}/preview`, { method: 'POST', json: v }),
  });
  const apply = useMutation({
    mutationFn: (v: { action: WeakAction; usernames: string[]; expectCount: number }) => fetchJson<ApplyResult>(`${API}/apply`, { method: 'POST', json: v }),
    onSettled: invalidate,
  });
  return { view, start, cancel, preview, apply };
}
