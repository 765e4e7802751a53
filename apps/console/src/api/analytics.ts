import type { ImportJob } from '@anju/contracts';
import type {
  DashboardResponse,
  KpiCode,
  KpiValue,
  kpiDrilldownItem,
  kpiRunSummary,
  kpiTarget,
  listKpisResponse,
} from '@anju/contracts/analytics';
import type { HistoryKind } from '@anju/contracts/history';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, uploadFile } from './client';
import { importKeys } from './imports';

export type KpiInfo = z.infer<typeof listKpisResponse>['items'][number];
export type KpiDrilldownItem = z.infer<typeof kpiDrilldownItem>;
export type KpiTarget = z.infer<typeof kpiTarget>;
export type KpiRunSummary = z.infer<typeof kpiRunSummary>;
export type ExecutiveDashboard = Extract<DashboardResponse, { kind: 'executive' }>;
export type ManagerDashboard = Extract<DashboardResponse, { kind: 'manager' }>;
export type DepartmentDashboard = Extract<DashboardResponse, { kind: 'department' }>;
export type ExecutiveKpi = ExecutiveDashboard['kpis'][number];
export type RankedProject = ExecutiveDashboard['projects'][number];
export type { KpiCode, KpiValue };

export interface DashboardFilters {
  scope?: string;
  /** A month, `2026-10`. */
  period?: string;
  productType?: string;
  finish?: 'bare' | 'finished';
}
export interface KpiValuesFilters {
  kpi?: KpiCode;
  scope?: string;
  /** `2026-10`, `2026-Q4` or `2026`. */
  period: string;
  batchId?: string;
  children?: boolean;
}
export interface DrilldownFilters {
  kpi: KpiCode;
  scope: string;
  period: string;
  batchId?: string;
  part: 'all' | 'numerator';
}

export const analyticsKeys = {
  all: ['analytics'] as const,
  kpis: () => [...analyticsKeys.all, 'kpis'] as const,
  values: (f: KpiValuesFilters) => [...analyticsKeys.all, 'values', f] as const,
  drilldown: (f: DrilldownFilters) => [...analyticsKeys.all, 'drilldown', f] as const,
  dashboard: (kind: DashboardResponse['kind'], f: DashboardFilters) =>
    [...analyticsKeys.all, 'dashboard', kind, f] as const,
};

/** The KPI catalogue with this year's target for the caller's company. */
export const useKpis = () =>
  useQuery({
    queryKey: analyticsKeys.kpis(),
    queryFn: () => api.get<z.infer<typeof listKpisResponse>>('/api/kpis'),
    staleTime: 5 * 60_000,
  });

/** Figures of a scope for a month, quarter or year (state, version and the previous version after a recompute). */
export const useKpiValues = (filters: KpiValuesFilters, options: { enabled?: boolean } = {}) =>
  useQuery({
    queryKey: analyticsKeys.values(filters),
    queryFn: () =>
      api.get<{ items: KpiValue[] }>('/api/kpis/values', {
        ...filters,
        children: filters.children ? 'true' : undefined,
      }),
    enabled: options.enabled ?? true,
    placeholderData: keepPreviousData,
  });

/** The records behind a month's figure, cursor-paged. */
export const useKpiDrilldown = (filters: DrilldownFilters | null, limit = 50) =>
  useInfiniteQuery({
    queryKey: [...analyticsKeys.drilldown(filters as DrilldownFilters), limit],
    queryFn: ({ pageParam }) =>
      api.get<{ items: KpiDrilldownItem[]; nextCursor: string | null }>('/api/kpis/drilldown', {
        ...(filters as DrilldownFilters),
        cursor: pageParam,
        limit,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: filters !== null,
  });

function useDashboard<D extends DashboardResponse>(kind: D['kind'], filters: DashboardFilters, enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.dashboard(kind, filters),
    queryFn: () => api.get<D>('/api/dashboards', { kind, ...filters }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const useExecutiveDashboard = (filters: DashboardFilters, enabled = true) =>
  useDashboard<ExecutiveDashboard>('executive', filters, enabled);
/** Today's live counts: refreshed every minute while shown. */
export const useManagerDashboard = (filters: DashboardFilters = {}) =>
  useQuery({
    queryKey: analyticsKeys.dashboard('manager', filters),
    queryFn: () => api.get<ManagerDashboard>('/api/dashboards', { kind: 'manager', ...filters }),
    refetchInterval: 60_000,
  });
export const useDepartmentDashboard = (filters: DashboardFilters = {}, enabled = true) =>
  useDashboard<DepartmentDashboard>('department', filters, enabled);

/** Sets a KPI's target for a company and year (optimistic: `version` from the last answer; 409 when stale). */
export function useUpsertKpiTarget() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      kpi,
      ...body
    }: {
      kpi: KpiCode;
      companyId: string;
      year: number;
      target: number;
      version?: number;
    }) => api.put<KpiTarget>(`/api/kpis/${kpi}/targets`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}

/** Recomputes a month (a closed month gains a version); every figure refetches. */
export function useRecomputeKpis() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { period: string; reason: string }) => api.post<KpiRunSummary>('/api/kpis/recompute', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: analyticsKeys.all }),
  });
}

export const historyTemplateUrl = (kind: HistoryKind) => `/api/imports/history/template?kind=${kind}`;

/** Uploads a history workbook of one kind; the job is watched like any import (useImportJob). */
export function useStartHistoryImport(kind: HistoryKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<ImportJob>(`/api/imports/history?kind=${kind}`, file),
    onSuccess: (job) => {
      qc.setQueryData(importKeys.detail(job.id), job);
      void qc.invalidateQueries({ queryKey: importKeys.lists() });
      // the import refreshes the KPI months it touches
      void qc.invalidateQueries({ queryKey: analyticsKeys.all });
    },
  });
}
