import type {
  DesignFeedback,
  SupplierScorecard,
  SupplierScorecardRow,
  setSupplierWatchBody,
  supplierScorecardList,
  watchedSupplierList,
} from '@anju/contracts/scorecards';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';

export type { DesignFeedback, SupplierScorecard, SupplierScorecardRow };
export type SupplierScorecardList = z.infer<typeof supplierScorecardList>;
export type WatchedSupplierList = z.infer<typeof watchedSupplierList>;
export type SetSupplierWatchBody = z.input<typeof setSupplierWatchBody>;

export interface ScorecardFilter {
  /** `2026-11` a month, `2026-Q4` a quarter, `2026` a year. */
  period: string;
  projectId?: string;
  category?: string;
}
export interface DesignFeedbackFilter {
  period: string;
  projectId?: string;
}

/** The scorecards' query keys (under `quality`: a quality write refreshes them too). */
export const scorecardKeys = {
  all: ['quality', 'scorecards'] as const,
  list: (f: ScorecardFilter) => [...scorecardKeys.all, 'list', f] as const,
  detail: (supplierId: string, f: ScorecardFilter) => [...scorecardKeys.all, 'detail', supplierId, f] as const,
  watched: () => [...scorecardKeys.all, 'watched'] as const,
  design: (f: DesignFeedbackFilter) => [...scorecardKeys.all, 'design', f] as const,
};

/** Every supplier of the caller's subtree with its figures and rank (a contractor: its own row only). */
export const useSupplierScorecards = (filter: ScorecardFilter) =>
  useQuery({
    queryKey: scorecardKeys.list(filter),
    queryFn: () => api.get<SupplierScorecardList>('/api/quality/scorecards', { ...filter }),
    placeholderData: keepPreviousData,
  });

/** One supplier's row, its cells (category × project × batch), twelve months and its watch-list entry. */
export const useSupplierScorecard = (supplierId: string, filter: ScorecardFilter) =>
  useQuery({
    queryKey: scorecardKeys.detail(supplierId, filter),
    queryFn: () => api.get<SupplierScorecard>(`/api/quality/scorecards/${supplierId}`, { ...filter }),
  });

/** The scorecards as .xlsx (the periodic scorecard to procurement). */
export const exportSupplierScorecards = (filter: ScorecardFilter) =>
  downloadFile('/api/quality/scorecards/export', { ...filter }, `supplier-scorecards-${filter.period}.xlsx`, 'GET');

/** Puts a supplier on the watch list with a reason, or takes it off (quality.manage). */
export function useSetSupplierWatch(supplierId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SetSupplierWatchBody) => api.put<void>(`/api/quality/suppliers/${supplierId}/watch`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: scorecardKeys.all }),
  });
}

/** The watched suppliers that may serve the caller's subtree; fetched only when `enabled` (scorecards.read). */
export const useWatchedSuppliers = (enabled: boolean) =>
  useQuery({
    queryKey: scorecardKeys.watched(),
    queryFn: () => api.get<WatchedSupplierList>('/api/quality/suppliers/watched'),
    select: (d) => d.items,
    enabled,
    staleTime: 60_000,
  });

/** Design-caused repairs by project × product type × layout × part, and the same across projects. */
export const useDesignFeedback = (filter: DesignFeedbackFilter) =>
  useQuery({
    queryKey: scorecardKeys.design(filter),
    queryFn: () => api.get<DesignFeedback>('/api/quality/design-feedback', { ...filter }),
    placeholderData: keepPreviousData,
  });
