import type {
  Benefit,
  Partner,
  PartnerCategory,
  PartnerReport,
  partnerDetail,
  upsertBenefitBody,
  upsertPartnerBody,
  Voucher,
  VoucherStatus,
} from '@anju/contracts/club-partners';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';
import type { Page } from './types';

export type { Benefit, Partner, PartnerCategory, PartnerReport, Voucher, VoucherStatus };
export type PartnerDetail = z.infer<typeof partnerDetail>;
export type UpsertPartnerBody = z.input<typeof upsertPartnerBody>;
export type UpsertBenefitBody = z.input<typeof upsertBenefitBody>;
export interface VoucherFilter {
  partnerId?: string;
  status?: VoucherStatus;
  code?: string;
}
export interface ReportQuery {
  from: string;
  to: string;
  partnerId?: string;
}

/** The partner alliance's query keys. */
export const partnerKeys = {
  all: ['club-partners'] as const,
  list: (category?: PartnerCategory) => [...partnerKeys.all, 'list', category ?? null] as const,
  one: (id: string) => [...partnerKeys.all, 'one', id] as const,
  benefits: (partnerId?: string) => [...partnerKeys.all, 'benefits', partnerId ?? null] as const,
  candidates: () => [...partnerKeys.all, 'candidates'] as const,
  vouchers: (filter: VoucherFilter) => [...partnerKeys.all, 'vouchers', filter] as const,
  report: (q: ReportQuery) => [...partnerKeys.all, 'report', q] as const,
};

export const usePartners = (category?: PartnerCategory) =>
  useQuery({
    queryKey: partnerKeys.list(category),
    queryFn: () => api.get<Page<Partner>>('/api/club/partners', { category, limit: 200 }),
    placeholderData: keepPreviousData,
  });
export const usePartner = (id: string) =>
  useQuery({ queryKey: partnerKeys.one(id), queryFn: () => api.get<PartnerDetail>(`/api/club/partners/${id}`) });
export const useBenefits = (partnerId?: string) =>
  useQuery({
    queryKey: partnerKeys.benefits(partnerId),
    queryFn: () => api.get<Page<Benefit>>('/api/club/benefits', { partnerId, limit: 200 }),
  });
export const usePartnerCandidates = (enabled: boolean) =>
  useQuery({
    queryKey: partnerKeys.candidates(),
    queryFn: () =>
      api.get<{ items: { userId: string; username: string; displayName: string }[] }>('/api/club/partner-users'),
    enabled,
  });

export function useVouchers(filter: VoucherFilter) {
  return useInfiniteQuery({
    queryKey: partnerKeys.vouchers(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<Voucher>>('/api/club/vouchers', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const usePartnerReport = (q: ReportQuery) =>
  useQuery({
    queryKey: partnerKeys.report(q),
    queryFn: () => api.get<PartnerReport>('/api/club/partner-report', { ...q }),
  });
export const exportPartnerReport = (q: ReportQuery) =>
  downloadFile('/api/club/partner-report/export', { ...q }, 'partner-report.xlsx');

const usePartnerMutation = <B, R>(fn: (body: B) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: partnerKeys.all }) });
};
export const useUpsertPartner = () =>
  usePartnerMutation((body: UpsertPartnerBody) => api.post<Partner>('/api/club/partners', body));
export const useUpsertBenefit = () =>
  usePartnerMutation((body: UpsertBenefitBody) => api.post<Benefit>('/api/club/benefits', body));
export const useLinkPartnerUser = (partnerId: string) =>
  usePartnerMutation((userId: string) => api.post(`/api/club/partners/${partnerId}/users`, { userId }));
export const useUnlinkPartnerUser = (partnerId: string) =>
  usePartnerMutation((userId: string) => api.delete(`/api/club/partners/${partnerId}/users/${userId}`));
export const useVerifyVoucher = () =>
  usePartnerMutation((code: string) => api.post<Voucher>('/api/club/vouchers/verify', { code }));
