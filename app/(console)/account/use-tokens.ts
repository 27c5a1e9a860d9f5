'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { accountKeys } from '@/lib/auth/keys';
import type { TokenCreated, TokenCreateInput, TokenView } from '@/lib/auth/token-schemas';
import { fetchJson } from '@/lib/query/fetch-json';

// The signed-in manager's API tokens: list, create (the answer holds the token once), revoke.
export function useTokens() {
  const queryClient = useQueryClient();
  const refresh = () => void queryClient.invalidateQueries({ queryKey: accountKeys.tokens() });
  const list = useQuery({ queryKey: accountKeys.tokens(), queryFn: () => fetchJson<{ tokens: TokenView[] }>('/api/auth/tokens') });
  const create = useMutation({
    mutationFn: (input: TokenCreateInput) => fetchJson<TokenCreated>('/api/auth/tokens', { method: 'POST', json: input }),
    onSuccess: refresh,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => fetchJson<{ token: TokenView }>(`/api/auth/tokens/${id}`, { method: 'DELETE' }),
    onSuccess: refresh,
  });
  return { list, create, revoke };
}
