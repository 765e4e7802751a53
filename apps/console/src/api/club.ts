import type {
  adjustment,
  adjustPointsBody,
  enrolMemberBody,
  ledgerEntry,
  Member,
  MemberClass,
  memberDetail,
  Tier,
} from '@anju/contracts/club';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { ItemList, Page } from './types';

export type MemberDetail = z.infer<typeof memberDetail>;
export type LedgerEntry = z.infer<typeof ledgerEntry>;
export type PointsAdjustment = z.infer<typeof adjustment>;
export type EnrolMemberBody = z.input<typeof enrolMemberBody>;
export type AdjustPointsBody = z.input<typeof adjustPointsBody>;
export interface MemberFilter {
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
