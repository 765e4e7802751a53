import type {
  CreateMyRequestBody,
  confirmMyRequestBody,
  createdMyRequests,
  createMyRequestBody,
  MyRequest,
  MyRequestSummary,
  rateMyRequestBody,
} from '@anju/contracts';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect } from 'react';
import type { z } from 'zod';
import { api, type Page } from './client';
import { meKeys } from './me';

export type CreateMyRequestInput = z.input<typeof createMyRequestBody>;
export type CreatedMyRequests = z.infer<typeof createdMyRequests>;
export type ConfirmMyRequestBody = z.input<typeof confirmMyRequestBody>;
export type RateMyRequestBody = z.input<typeof rateMyRequestBody>;
export type MyRequestEvent = MyRequest['events'][number];
export type { CreateMyRequestBody };

export interface RequestFilters {
  open?: boolean;
}

export const requestKeys = {
  all: ['requests'] as const,
  lists: () => [...requestKeys.all, 'list'] as const,
  list: (f: RequestFilters) => [...requestKeys.lists(), f] as const,
  details: () => [...requestKeys.all, 'detail'] as const,
  detail: (id: string) => [...requestKeys.details(), id] as const,
};

const PAGE_SIZE = 20;

export function useMyRequests(filters: RequestFilters) {
  return useInfiniteQuery({
    queryKey: requestKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<MyRequestSummary>>('/api/portal/requests', {
        open: filters.open ? 'true' : undefined,
        cursor: pageParam,
        limit: PAGE_SIZE,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Opening a request reads its updates: the unread dot goes in every cached list without refetching them. */
function markReadInLists(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<InfiniteData<Page<MyRequestSummary>>>({ queryKey: requestKeys.lists() }, (data) => {
    if (!data) return data;
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        items: page.items.map((item) => (item.id === id && item.unread ? { ...item, unread: false } : item)),
      })),
    };
  });
}

export function useMyRequest(id: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: requestKeys.detail(id),
    queryFn: () => api.get<MyRequest>(`/api/portal/requests/${encodeURIComponent(id)}`),
  });
  const loaded = query.data?.id;
  useEffect(() => {
    if (!loaded) return;
    markReadInLists(queryClient, loaded);
    void queryClient.invalidateQueries({ queryKey: meKeys.profile() });
  }, [loaded, queryClient]);
  return query;
}

/**
 * POST /api/portal/requests with `Idempotency-Key`: the caller passes the key of its draft, the same on every
 * retry, so a double tap or a lost answer never creates a second report.
 */
export function useCreateMyRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateMyRequestInput; idempotencyKey: string }) =>
      api.post<CreatedMyRequests>('/api/portal/requests', body, { 'Idempotency-Key': idempotencyKey }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: meKeys.profile() }),
      ]),
  });
}

function useRequestWrite<B>(id: string, path: 'confirm' | 'rating') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<unknown>(`/api/portal/requests/${encodeURIComponent(id)}/${path}`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.detail(id) }),
        queryClient.invalidateQueries({ queryKey: requestKeys.lists() }),
      ]),
  });
}

/** "Fixed" leaves the request for the rating; "not fixed" reopens it with the owner's words. */
export const useConfirmMyRequest = (id: string) => useRequestWrite<ConfirmMyRequestBody>(id, 'confirm');

export const useRateMyRequest = (id: string) => useRequestWrite<RateMyRequestBody>(id, 'rating');
