import type { Member, Tier } from '@anju/contracts/club';
import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { ItemList } from './types';

/** The club's query keys (screens come in a later slice; the customer 360 page reads a member's benefits). */
export const clubKeys = {
  all: ['club'] as const,
  tiers: () => [...clubKeys.all, 'tiers'] as const,
  member: (id: string) => [...clubKeys.all, 'member', id] as const,
};

export const useClubTiers = () =>
  useQuery({
    queryKey: clubKeys.tiers(),
    queryFn: () => api.get<ItemList<Tier>>('/api/club/tiers'),
    select: (d) => d.items,
  });

export const useClubMember = (id: string) =>
  useQuery({
    queryKey: clubKeys.member(id),
    queryFn: () =>
      api.get<Member & { benefits: { priorityBooking: boolean; purchaseDiscount: boolean } }>(
        `/api/club/members/${id}`,
      ),
  });
