import type { AwardCode, AwardRanking, award, ComplaintReport, DashboardResponse } from '@anju/contracts/analytics';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';

export type Award = z.infer<typeof award>;
export type SurveyDashboard = Extract<DashboardResponse, { kind: 'survey' }>;
export type { AwardCode, AwardRanking, ComplaintReport };

export interface ComplaintReportFilters {
  scope?: string;
  /** A month, `2026-10`. */
  period: string;
  department?: string;
}
export interface AwardRankingFilters {
  award: AwardCode;
  year: number;
  scope?: string;
}
export interface SurveyDashboardFilters {
  scope?: string;
  year: number;
}

/** Under `analytics`: a recompute or history import (which invalidate `analytics`) refreshes these too. */
export const reportKeys = {
  all: ['analytics', 'reports'] as const,
  complaints: (f: ComplaintReportFilters) => [...reportKeys.all, 'complaints', f] as const,
  awards: () => [...reportKeys.all, 'awards'] as const,
  ranking: (f: AwardRankingFilters) => [...reportKeys.all, 'ranking', f] as const,
  survey: (f: SurveyDashboardFilters) => [...reportKeys.all, 'survey', f] as const,
};

/** The month's complaint report of a scope (optionally only one department's tickets). */
export const useComplaintReport = (filters: ComplaintReportFilters) =>
  useQuery({
    queryKey: reportKeys.complaints(filters),
    queryFn: () => api.get<ComplaintReport>('/api/reports/complaints', { ...filters }),
    placeholderData: keepPreviousData,
  });

/** The complaint report as .xlsx in the console's language (the export is audited). */
export const exportComplaintReport = (filters: ComplaintReportFilters) =>
  downloadFile('/api/reports/complaints/export', { ...filters }, `complaint-report-${filters.period}.xlsx`, 'GET');

/** The nine quality awards (their KPI, direction, threshold and budget; names are the console's). */
export const useAwards = () =>
  useQuery({
    queryKey: reportKeys.awards(),
    queryFn: () => api.get<{ items: Award[] }>('/api/awards'),
    select: (d) => d.items,
    staleTime: 30 * 60_000,
  });

/** An award's ranking of the scope's projects for a year, with eligibility and the winner. */
export const useAwardRanking = (filters: AwardRankingFilters) =>
  useQuery({
    queryKey: reportKeys.ranking(filters),
    queryFn: () => api.get<AwardRanking>('/api/awards/ranking', { ...filters }),
    placeholderData: keepPreviousData,
  });

export const exportAwardRanking = (filters: AwardRankingFilters) =>
  downloadFile('/api/awards/ranking/export', { ...filters }, `award-${filters.award}-${filters.year}.xlsx`, 'GET');

/** Records a project's first city-level (or higher) professional award of a year (analytics.manage). */
export function useRecordAwardEntry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { year: number; projectId: string; title: string; awardedOn: string }) =>
      api.post<{ id: string }>('/api/awards/entries', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...reportKeys.all, 'ranking'] }),
  });
}

/** The survey dashboard of a year: the dimensions against the two years before, target and group; the dive curve. */
export const useSurveyDashboard = (filters: SurveyDashboardFilters) =>
  useQuery({
    queryKey: reportKeys.survey(filters),
    queryFn: () => api.get<SurveyDashboard>('/api/dashboards', { kind: 'survey', ...filters }),
    placeholderData: keepPreviousData,
  });

/** Loads KPIS.md's 2004–2006 figures as a company's survey history (analytics.manage). */
export function useLoadSurveyHistory() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (companyId: string) => api.post<{ loaded: number }>('/api/survey-benchmarks/seed', { companyId }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...reportKeys.all, 'survey'] }),
  });
}
