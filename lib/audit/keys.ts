// React Query keys for the audit log, from one factory.
export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: Record<string, string | number | undefined>) => ['audit', 'list', filters] as const,
};
