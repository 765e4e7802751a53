import type { MyOpenDay, MyOpenDays } from '@anju/contracts/open-days';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { MyOpenDay };

export const openDayKeys = {
  all: ['open-days'] as const,
  mine: () => [...openDayKeys.all, 'mine'] as const,
};

/** GET /api/portal/open-days: coming open days of my projects and the ones I took part in, with my suggestions. */
export function useMyOpenDays() {
  return useQuery({
    queryKey: openDayKeys.mine(),
    queryFn: async () => (await api.get<MyOpenDays>('/api/portal/open-days')).items,
  });
}

/**
 * Registers me for an open day with the card's Idempotency-Key (a retry answers the first registration); the list
 * refetches either way (a full or closed day shows as it now is).
 */
export function useRegisterMyOpenDay() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, key }: { id: string; key: string }) =>
      api.post<MyOpenDay>(`/api/portal/open-days/${id}/register`, { partySize: 1 }, { 'idempotency-key': key }),
    onSettled: () => qc.invalidateQueries({ queryKey: openDayKeys.all }),
  });
}
