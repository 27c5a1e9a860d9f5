// React Query keys for mailboxes, from one factory; mutations invalidate by prefix.
export const mailboxKeys = {
  all: ['mailboxes'] as const,
  lists: () => ['mailboxes', 'list'] as const,
  list: (filters: Record<string, string | number | undefined>) => ['mailboxes', 'list', filters] as const,
  detail: (username: string) => ['mailboxes', 'detail', username.toLowerCase()] as const,
  sending: (username: string) => ['mailboxes', 'detail', username.toLowerCase(), 'sending'] as const,
};

/** The API path of one mailbox; the address is a path segment, so it is encoded. */
export const mailboxPath = (username: string, rest = '') => `/api/mailboxes/${encodeURIComponent(username)}${rest}`;
