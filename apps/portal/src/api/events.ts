import type { MyEvent, MyEvents } from '@anju/contracts/club-events';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { MyEvent };

export const eventKeys = {
  all: ['club-events'] as const,
  mine: () => [...eventKeys.all, 'mine'] as const,
};

/** GET /api/portal/club/events: club events open to me and my registrations with their check-in code. */
export function useMyEvents() {
  return useQuery({
    queryKey: eventKeys.mine(),
    queryFn: async () => (await api.get<MyEvents>('/api/portal/club/events')).items,
  });
}

/** Registers me (confirmed, or waitlisted when full) with the card's Idempotency-Key; the list refetches either way. */
export function useRegisterMyEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, key }: { id: string; key: string }) =>
      api.post<MyEvent>(`/api/portal/club/events/${id}/register`, {}, { 'idempotency-key': key }),
    onSettled: () => qc.invalidateQueries({ queryKey: eventKeys.all }),
  });
}

/** Cancels my registration (my place goes to the first waitlisted person). */
export function useCancelMyEvent() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, registrationId }: { id: string; registrationId: string }) =>
      api.post<MyEvent>(`/api/portal/club/events/${id}/registrations/${registrationId}/cancel`, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: eventKeys.all }),
  });
}
