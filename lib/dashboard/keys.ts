// React Query keys for the dashboard, from one factory.
export const dashboardKeys = {
  all: ['dashboard'] as const,
  overview: (host: string) => ['dashboard', 'overview', host] as const,
  suspects: (host: string) => ['dashboard', 'suspects', host] as const,
};
