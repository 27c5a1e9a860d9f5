// React Query keys for the Hosts section, from one factory.
export const hostKeys = {
  all: ['hosts'] as const,
  list: () => ['hosts', 'list'] as const,
};
