// React Query keys for the incident pages, from one factory; everything of
// one incident sits under ['incident', host, user] so a step can invalidate
// the rest by prefix.
export const incidentKeys = {
  all: ['incident'] as const,
  of: (host: string, user: string) => ['incident', host, user.toLowerCase()] as const,
  detail: (host: string, user: string) => ['incident', host, user.toLowerCase(), 'detail'] as const,
  contain: (host: string, user: string) => ['incident', host, user.toLowerCase(), 'contain'] as const,
  clean: (host: string, user: string) => ['incident', host, user.toLowerCase(), 'clean'] as const,
  harden: (host: string, user: string) => ['incident', host, user.toLowerCase(), 'harden'] as const,
  report: (host: string, user: string) => ['incident', host, user.toLowerCase(), 'report'] as const,
};

/** The API path of one incident; the login is a path segment, so it is encoded. */
export const incidentPath = (user: string, rest: string, host: string, extra: Record<string, string> = {}) =>
  `/api/incidents/${encodeURIComponent(user)}${rest}?${new URLSearchParams({ host, ...extra })}`;

/** The respond page and the report page of an incident. */
export const respondHref = (user: string, host: string) => `/incidents/${encodeURIComponent(user)}?${new URLSearchParams({ host })}`;
export const reportHref = (user: string, host: string) => `/incidents/${encodeURIComponent(user)}/report?${new URLSearchParams({ host })}`;
