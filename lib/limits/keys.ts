// React Query keys for the sending limits, from one factory.
export const limitsKeys = {
  all: ['limits'] as const,
  host: (host: string) => ['limits', host] as const,
};
