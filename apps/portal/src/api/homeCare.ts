import type { HomeCareArticle } from '@anju/contracts/knowledge';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from './client';

export type { HomeCareArticle };

export const homeCareKeys = {
  all: ['homeCare'] as const,
  search: (q: string, category: string) => [...homeCareKeys.all, q, category] as const,
};

/** GET /api/portal/home-care: published owner-facing articles for my homes, by words and category. */
export const useHomeCare = (q: string, category = '', options: { enabled?: boolean; limit?: number } = {}) =>
  useQuery({
    queryKey: [...homeCareKeys.search(q, category), options.limit ?? 10],
    queryFn: async () =>
      (
        await api.get<{ items: HomeCareArticle[] }>('/api/portal/home-care', {
          ...(q ? { q } : {}),
          ...(category ? { category } : {}),
          limit: options.limit ?? 10,
        })
      ).items,
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
