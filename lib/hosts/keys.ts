// React Query keys for the Hosts section, from one factory.
export const hostKeys = {
  all: ['hosts'] as const,
  list: () => ['hosts', 'list'] as const,
};

/** The API path of one host (`rest`: '/test', '/queue/scan', ...); the host name is a path segment, so it is encoded. */
export const hostPath = (host: string, rest = '') => `/api/hosts/${encodeURIComponent(host)}${rest}`;
