import type { EventDelivery, EventDeliveryStatus } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Ok, Page } from './types';

export type { EventDelivery, EventDeliveryStatus };

export const eventDeliveryKeys = {
  all: ['event-deliveries'] as const,
  list: (status: EventDeliveryStatus) => [...eventDeliveryKeys.all, 'list', status] as const,
};

/** Deliveries of domain events to listeners in one status, newest first, in my scope (requires `events.manage`). */
export function useEventDeliveries(status: EventDeliveryStatus) {
  return useInfiniteQuery({
    queryKey: eventDeliveryKeys.list(status),
    queryFn: ({ pageParam }) =>
      api.get<Page<EventDelivery>>('/api/admin/event-deliveries', { status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Queues a failed delivery again (audited). */
export function useReplayEventDelivery() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (jobId: number) => api.post<Ok>(`/api/admin/event-deliveries/${jobId}/replay`),
    onSettled: () => qc.invalidateQueries({ queryKey: eventDeliveryKeys.all }),
  });
}
