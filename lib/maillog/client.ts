import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/query/fetch-json';
import { logsKeys, logsPath } from './keys';
import type { LoginsDetail } from './schemas';

// The browser's reads of the log API as query options (key and fetch
// together): the Logs page's login detail and the mailbox page's login
// history ask for one user's logins the same way.

type Params = { user: string; limit: number; from?: string };

/** One SASL user's logins on a host: IPs, counts, first and last. */
export const loginDetailQuery = (host: string, params: Params) =>
  queryOptions({
    queryKey: logsKeys.loginDetail(host, params.user, params),
    queryFn: () => fetchJson<LoginsDetail>(logsPath(host, 'logins', params)),
  });
