import { hostPath } from '@/lib/hosts/keys';

// React Query keys for the maillog views, from one factory; everything of a
// host sits under ['logs', host] so a refresh can invalidate by prefix.

type Params = Record<string, string | number | undefined>;

export const logsKeys = {
  all: ['logs'] as const,
  host: (host: string) => ['logs', host] as const,
  logins: (host: string, params: Params) => ['logs', host, 'logins', params] as const,
  loginDetail: (host: string, user: string, params: Params) => ['logs', host, 'logins', 'user', user.toLowerCase(), params] as const,
  bruteforce: (host: string, params: Params) => ['logs', host, 'bruteforce', params] as const,
  blocks: (host: string, params: Params) => ['logs', host, 'blocks', params] as const,
  trace: (host: string, queueId: string, params: Params) => ['logs', host, 'trace', queueId, params] as const,
  search: (host: string, params: Params) => ['logs', host, 'search', params] as const,
};

/** The API path of a host's log view; host names are path segments, so they are encoded. */
export const logsPath = (host: string, view: string, params?: Params) => {
  const qs = params
    ? new URLSearchParams(
        Object.entries(params)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => [k, String(v)]),
      )
    : undefined;
  return hostPath(host, `/logs/${view}${qs && qs.size ? `?${qs}` : ''}`);
};
