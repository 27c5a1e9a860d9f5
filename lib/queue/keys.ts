// React Query keys for the queue pages, from one factory.
export const queueKeys = {
  all: ['queue'] as const,
  host: (host: string) => ['queue', host] as const,
  lists: (host: string) => ['queue', host, 'list'] as const,
  list: (host: string, params: string) => ['queue', host, 'list', params] as const,
  scan: (host: string) => ['queue', host, 'scan'] as const,
  message: (host: string, id: string) => ['queue', host, 'message', id] as const,
};
