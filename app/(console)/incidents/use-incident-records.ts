'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { incidentKeys } from '@/lib/incident/keys';
import { incidentRecordKeys, type IncidentChange, type IncidentRecord } from '@/lib/incident/record-types';
import { fetchJson } from '@/lib/query/fetch-json';

// The incident records, one hook for the list and one for changing a record.

export type RecordFilter = 'open' | 'closed' | 'all';

export function useIncidentRecords(state: RecordFilter) {
  return useQuery({
    queryKey: incidentRecordKeys.list(state),
    queryFn: () =>
      fetchJson<{ incidents: IncidentRecord[] }>(`/api/incidents/records${state === 'all' ? '' : `?${new URLSearchParams({ state })}`}`).then(
        (r) => r.incidents,
      ),
  });
}

export function useChangeIncident() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: IncidentChange }) =>
      fetchJson<IncidentRecord>(`/api/incidents/records/${encodeURIComponent(id)}`, { method: 'PATCH', json: change }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: incidentRecordKeys.all });
      void qc.invalidateQueries({ queryKey: incidentKeys.all });
    },
  });
}
