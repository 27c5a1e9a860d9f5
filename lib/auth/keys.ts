// React Query keys for the signed-in manager's own settings.
export const accountKeys = {
  all: ['account'] as const,
  totp: () => ['account', 'totp'] as const,
  tokens: () => ['account', 'tokens'] as const,
};
