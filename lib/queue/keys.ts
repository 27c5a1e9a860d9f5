import { hostPath } from '@/lib/hosts/keys';

// React Query keys for the queue pages, from one factory.
export const queueKeys = {
  all: ['queue'] as const,
  host: (host: string) => ['queue', host] as const,
  lists: (host: string) => ['queue', host, 'list'] as const,
  list: (host: string, params: string) => ['queue', host, 'list', params] as const,
  scan: (host: string) => ['queue', host, 'scan'] as const,
  message: (host: string, id: string) => ['queue', host, 'message', id] as const,
};

/** The API path of a host's queue (`rest`: '/scan', '/actions', '/<id>', '?…'); the host name is a path segment, so it is encoded. */
export const queuePath = (host: string, rest = '') => hostPath(host, `/queue${rest}`);
