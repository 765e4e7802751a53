import type { myDefectCategory, myDefectCategoryList } from '@anju/contracts';
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';

export type MyDefectCategory = z.infer<typeof myDefectCategory>;

export const categoryKeys = {
  all: ['defect-categories'] as const,
  list: () => [...categoryKeys.all, 'list'] as const,
};

/** The defect catalogue changes rarely: kept for ten minutes. */
export function useDefectCategories() {
  return useQuery({
    queryKey: categoryKeys.list(),
    queryFn: async () => (await api.get<z.infer<typeof myDefectCategoryList>>('/api/portal/defect-categories')).items,
    staleTime: 10 * 60_000,
  });
}
