import type {
  adjustment,
  adjustmentListItem,
  adjustPointsBody,
  clubSettings,
  enrolMemberBody,
  ledgerEntry,
  Member,
  MemberClass,
  memberDetail,
  Tier,
  updateClubSettingsBody,
} from '@anju/contracts/club';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';
import type { ItemList, Page } from './types';

export type MemberDetail = z.infer<typeof memberDetail>;
export type LedgerEntry = z.infer<typeof ledgerEntry>;
export type PointsAdjustment = z.infer<typeof adjustment>;
export type PendingAdjustment = z.infer<typeof adjustmentListItem>;
export type ClubSettings = z.infer<typeof clubSettings>;
export type UpdateClubSettingsBody = z.input<typeof updateClubSettingsBody>;
export type EnrolMemberBody = z.input<typeof enrolMemberBody>;
export type AdjustPointsBody = z.input<typeof adjustPointsBody>;
export interface MemberFilter {
  q?: string;
  class?: MemberClass;
  tier?: string;
  minPoints?: number;
  maxPoints?: number;
}
export interface PointsStatementPage extends Page<LedgerEntry> {
  memberId: string;
  cardNo: string;
  balance: number;
}

/** The club's query keys. */
export const clubKeys = {
  all: ['club'] as const,
  tiers: () => [...clubKeys.all, 'tiers'] as const,
  members: (filter: MemberFilter) => [...clubKeys.all, 'members', filter] as const,
  member: (id: string) => [...clubKeys.all, 'member', id] as const,
  statement: (id: string) => [...clubKeys.all, 'member', id, 'points'] as const,
  adjustments: (status: string) => [...clubKeys.all, 'adjustments', status] as const,
  settings: () => [...clubKeys.all, 'settings'] as const,
};

export const useClubTiers = () =>
  useQuery({
    queryKey: clubKeys.tiers(),
    queryFn: () => api.get<ItemList<Tier>>('/api/club/tiers'),
    select: (d) => d.items,
  });

/** A member with the benefits of their tier and their history (class, status and tier changes). */
export const useClubMember = (id: string) =>
  useQuery({
    queryKey: clubKeys.member(id),
    queryFn: () => api.get<MemberDetail>(`/api/club/members/${id}`),
  });

/** The members I see, cursor-paged. */
export function useClubMembers(filter: MemberFilter) {
  return useInfiniteQuery({
    queryKey: clubKeys.members(filter),
    queryFn: ({ pageParam }) => api.get<Page<Member>>('/api/club/members', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** A member's points statement: the balance and the ledger, newest first. */
export function usePointsStatement(id: string) {
  return useInfiniteQuery({
    queryKey: clubKeys.statement(id),
    queryFn: ({ pageParam }) =>
      api.get<PointsStatementPage>(`/api/club/members/${id}/points`, { cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Enrols a customer (the existing card when they are already a member). */
export function useEnrolMember() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: EnrolMemberBody) => api.post<Member>('/api/club/members', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: clubKeys.all }),
  });
}

/** A manual adjustment: applied at once, or pending a second person's approval above the club's threshold. */
export function useAdjustPoints(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AdjustPointsBody) =>
      api.post<PointsAdjustment>(`/api/club/members/${memberId}/adjustments`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: clubKeys.all }),
  });
}

/** Adjustments of the members I see waiting for a second person, newest first. */
export function usePendingAdjustments(enabled = true) {
  return useInfiniteQuery({
    queryKey: clubKeys.adjustments('pending'),
    queryFn: ({ pageParam }) =>
      api.get<Page<PendingAdjustment>>('/api/club/adjustments', { status: 'pending', cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
}

/** A second person approves a pending adjustment, or anyone (its requester too) rejects it with a reason. */
export function useDecideAdjustment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'approve' | 'reject'; reason?: string }) =>
      decision === 'approve'
        ? api.post<PointsAdjustment>(`/api/club/adjustments/${id}/approve`)
        : api.post<PointsAdjustment>(`/api/club/adjustments/${id}/reject`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clubKeys.all }),
  });
}

/** Corrects a ledger entry by posting its opposite, with a reason. */
export function useReverseEntry(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ entryId, reason }: { entryId: string; reason: string }) =>
      api.post<LedgerEntry>(`/api/club/members/${memberId}/points/${entryId}/reverse`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: clubKeys.all }),
  });
}

export const useClubSettings = () =>
  useQuery({ queryKey: clubKeys.settings(), queryFn: () => api.get<ClubSettings>('/api/club/settings') });

/** The club's name, approval threshold, expiry plan and referral note (club managers at the group). */
export function useUpdateClubSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateClubSettingsBody) => api.put<ClubSettings>('/api/club/settings', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: clubKeys.settings() }),
  });
}

/** The members I see by the list's filters as .xlsx (no contact details; the server audits it). */
export const exportClubMembers = (filter: MemberFilter) =>
  downloadFile('/api/club/members/export', { ...filter }, 'club-members.xlsx');
