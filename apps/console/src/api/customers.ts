import type { Customer, CustomerSummary, TimelineEntry } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type CustomerFilters = { kind?: string; duplicateSuspected?: boolean };
type Page<T> = { items: T[]; nextCursor: string | null };

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (f: CustomerFilters) => [...customerKeys.lists(), f] as const,
  search: (q: string) => [...customerKeys.all, 'search', q] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...customerKeys.all, 'timeline', id] as const,
};

export function useCustomers(filters: CustomerFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: customerKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<CustomerSummary>>('/api/customers', { ...filters, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomerSearch(q: string) {
  return useQuery({
    queryKey: customerKeys.search(q),
    queryFn: () => api.get<{ items: CustomerSummary[] }>('/api/customers/search', { q, limit: 50 }),
    enabled: q.length > 0,
  });
}

export function useCustomer(id: string) {
  return useQuery({ queryKey: customerKeys.detail(id), queryFn: () => api.get<Customer>(`/api/customers/${id}`) });
}

export function useCustomerTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: customerKeys.timeline(id),
    queryFn: ({ pageParam }) =>
      api.get<Page<TimelineEntry>>(`/api/customers/${id}/timeline`, { cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ customer: Customer; duplicates: { id: string; name: string }[] }>('/api/customers', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.lists() }),
  });
}

export function useRevealField(id: string) {
  return useMutation({
    mutationFn: (body: { field: 'phone' | 'idNumber'; phoneId?: string; reason: string }) =>
      api.post<{ field: string; value: string }>(`/api/customers/${id}/reveal`, body),
  });
}

export function useAddTimelineEntry(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: 'note' | 'call' | 'visit'; title: string; body?: string }) =>
      api.post<TimelineEntry>(`/api/customers/${id}/timeline`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.timeline(id) }),
  });
}
