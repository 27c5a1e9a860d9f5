// React Query keys for queue actions, from one factory.
export const queueActionKeys = {
  all: ['queue-actions'] as const,
  job: (host: string, id: string) => ['queue-actions', host, 'job', id] as const,
};
