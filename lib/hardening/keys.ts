// React Query keys for the hardening page, from one factory.
export const hardeningKeys = {
  all: ['hardening'] as const,
  host: (host: string) => ['hardening', host] as const,
};
