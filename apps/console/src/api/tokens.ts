import type { ApiToken } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateApiTokenBody, CreatedApiToken, ItemList, Ok } from './types';

export const tokenKeys = {
  all: ['api-tokens'] as const,
  list: () => [...tokenKeys.all, 'list'] as const,
};

export function useApiTokens() {
  return useQuery({
    queryKey: tokenKeys.list(),
    queryFn: () => api.get<ItemList<ApiToken>>('/api/api-tokens'),
    select: (data) => data.items,
  });
}

/** The response carries the secret `token`; it is never cached and never shown again. */
export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiTokenBody) => api.post<CreatedApiToken>('/api/api-tokens', body),
    // drop the secret from the mutation cache as soon as the form is gone
    gcTime: 0,
    onSuccess: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}

export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<Ok>(`/api/api-tokens/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: tokenKeys.all }),
  });
}
