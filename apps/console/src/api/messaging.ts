import type { notification, OutboxTemplate, outboxMessage } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Ok, Page } from './types';

export type Notification = z.infer<typeof notification>;
export type OutboxMessage = z.infer<typeof outboxMessage>;
export type OutboxStatus = OutboxMessage['status'];
export type OutboxListFilter = { status?: OutboxStatus; template?: OutboxTemplate };

/** Unread notifications counted per poll; more than this shows as "N+". */
export const UNREAD_LIMIT = 100;
const POLL_MS = 30_000;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: () => [...notificationKeys.all, 'unread'] as const,
  latest: () => [...notificationKeys.all, 'latest'] as const,
};
export const outboxKeys = {
  all: ['outbox'] as const,
  list: (filter: OutboxListFilter) => [...outboxKeys.all, 'list', filter] as const,
};

/** My unread notifications (up to UNREAD_LIMIT), polled every 30 s for the header badge. */
export function useUnreadNotifications() {
  return useQuery({
    queryKey: notificationKeys.unread(),
    queryFn: () => api.get<Page<Notification>>('/api/notifications', { unread: 'true', limit: UNREAD_LIMIT }),
    refetchInterval: POLL_MS,
    staleTime: 0,
  });
}

/** The newest ten, read or not, fetched while the bell's panel is open. */
export function useLatestNotifications(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.latest(),
    queryFn: () => api.get<Page<Notification>>('/api/notifications', { limit: 10 }),
    select: (data) => data.items,
    enabled,
    staleTime: 0,
    refetchInterval: enabled ? POLL_MS : false,
  });
}

export function useMarkNotificationsRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (ids: number[] | 'all') => api.post<Ok>('/api/notifications/read', { ids }),
    onSettled: () => qc.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/** SMS and e-mail in my scope, newest first (requires `outbox.read`). */
export function useOutbox(filter: OutboxListFilter) {
  return useInfiniteQuery({
    queryKey: outboxKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<OutboxMessage>>('/api/outbox', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
