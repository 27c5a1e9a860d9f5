import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/query/fetch-json';
import { queueKeys, queuePath } from './keys';
import type { QueueListResponse } from './types';

// The browser's reads of the queue API as query options (key and fetch
// together), so every component that shows the same thing asks for it the
// same way: the queue page and the mailbox page's queued-mail card share one.

/** One page of a host's queue index; `params` is the list's query string. */
export const queueListQuery = (host: string, params: string) =>
  queryOptions({
    queryKey: queueKeys.list(host, params),
    queryFn: () => fetchJson<QueueListResponse>(queuePath(host, `?${params}`)),
  });
