// React Query keys for the alerts page, from one factory.
export const alertKeys = {
  all: ['alerts'] as const,
  list: (filters: Record<string, string | undefined>) => ['alerts', 'list', filters] as const,
  channels: () => ['alerts', 'channels'] as const,
  watch: (host: string) => ['alerts', 'watch', host] as const,
  samples: (host: string, hours: number) => ['alerts', 'samples', host, hours] as const,
};
