import type { MyMagazine } from '@anju/contracts/club-magazine';
import type { ClubJoinPlaces, MyMembership, MyPoints } from '@anju/contracts/club-portal';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { MyMagazine, MyMembership, MyPoints };
export type MyLedgerEntry = MyPoints['items'][number];

export const clubKeys = {
  all: ['club'] as const,
  membership: () => [...clubKeys.all, 'membership'] as const,
  points: () => [...clubKeys.all, 'points'] as const,
  magazine: () => [...clubKeys.all, 'magazine'] as const,
};

/** GET /api/portal/club/membership: my card, tier and charter, points; or what joining gives. */
export const useMyMembership = () =>
  useQuery({
    queryKey: clubKeys.membership(),
    queryFn: () => api.get<MyMembership>('/api/portal/club/membership'),
  });

/** POST /api/portal/club/join: one tap; joining again answers the card already held. */
export function useJoinClub() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<MyMembership>('/api/portal/club/join'),
    onSuccess: (data) => qc.setQueryData(clubKeys.membership(), data),
    onSettled: () => qc.invalidateQueries({ queryKey: ['club-benefits'] }),
  });
}

/** GET /api/portal/club/points: my ledger, newest first, a page at a time. */
export const useMyPoints = () =>
  useInfiniteQuery({
    queryKey: clubKeys.points(),
    queryFn: ({ pageParam }) => api.get<MyPoints>('/api/portal/club/points', { cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** GET /api/portal/club/magazine: published issues, my delivery, my contributions. */
export const useMyMagazine = () =>
  useQuery({ queryKey: clubKeys.magazine(), queryFn: () => api.get<MyMagazine>('/api/portal/club/magazine') });

export type SubscriptionInput = {
  delivery: 'hand' | 'post' | 'email' | 'portal';
  address?: string | null;
  email?: string | null;
  active: boolean;
};

export function useSetSubscription() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SubscriptionInput) => api.put('/api/portal/club/magazine/subscription', body),
    onSettled: () => qc.invalidateQueries({ queryKey: clubKeys.magazine() }),
  });
}

export function useSubmitContribution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { title: string; body: string }) => api.post('/api/portal/club/magazine/contributions', body),
    onSettled: () => qc.invalidateQueries({ queryKey: clubKeys.magazine() }),
  });
}

/** GET /api/portal/club/join/places: where a person who is not a customer yet may join (public). */
export const useClubJoinPlaces = () =>
  useQuery({
    queryKey: [...clubKeys.all, 'join-places'],
    queryFn: () => api.get<ClubJoinPlaces>('/api/portal/club/join/places'),
  });

/** POST /api/portal/club/join/code: the sign-up's SMS code (any mobile; the sign-in's limits). */
export const useRequestJoinCode = () =>
  useMutation({
    mutationFn: (phone: string) =>
      api.post<{ ok: true; resendAfterSeconds: number }>('/api/portal/club/join/code', { phone }),
  });

/** POST /api/portal/club/join/public: joins and signs in (the owner cookie); cached data of anyone else is dropped. */
export function useJoinClubPublic() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { phone: string; code: string; name: string; placeId: string; smsConsent: boolean }) =>
      api.post<{ cardNo: string; created: boolean }>('/api/portal/club/join/public', body),
    onSuccess: () => qc.clear(),
  });
}
