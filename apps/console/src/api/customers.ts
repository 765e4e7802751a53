import type {
  addFamilyMemberBody,
  addOwnershipBody,
  addReferralBody,
  Customer,
  CustomerSummary,
  endOwnershipBody,
  TimelineEntry,
  Unit,
  updateCustomerBody,
} from '@anju/contracts';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';
import { propertyKeys } from './property';

export type CustomerFilters = { kind?: string; duplicateSuspected?: boolean };
export type Outcome = 'referred' | 'visited' | 'bought';
export type UpdateCustomerBody = z.input<typeof updateCustomerBody>;
type Page<T> = { items: T[]; nextCursor: string | null };

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (f: CustomerFilters) => [...customerKeys.lists(), f] as const,
  searches: () => [...customerKeys.all, 'search'] as const,
  search: (q: string) => [...customerKeys.searches(), q] as const,
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

export function useCustomerSearch(q: string, limit = 50) {
  return useQuery({
    queryKey: [...customerKeys.search(q), limit],
    queryFn: () => api.get<{ items: CustomerSummary[] }>('/api/customers/search', { q, limit }),
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
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

/** Units of one project whose code starts with `code`, for picking a home. */
export function useUnitCodes(projectId: string | undefined, code: string) {
  return useQuery({
    queryKey: [...propertyKeys.all, 'unit-codes', projectId ?? 'none', code] as const,
    enabled: Boolean(projectId),
    queryFn: () => api.get<Page<Unit>>('/api/units', { projectId, code, limit: 50 }),
    placeholderData: keepPreviousData,
  });
}

/** A customer changed: its page, the lists and searches that summarise it, and (optionally) its timeline. */
const refresh = (qc: QueryClient, ids: string[], timeline = true) =>
  Promise.all([
    ...ids.flatMap((id) => [
      qc.invalidateQueries({ queryKey: customerKeys.detail(id) }),
      timeline ? qc.invalidateQueries({ queryKey: customerKeys.timeline(id) }) : null,
    ]),
    qc.invalidateQueries({ queryKey: customerKeys.lists() }),
    qc.invalidateQueries({ queryKey: customerKeys.searches() }),
  ]);

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      api.post<{ customer: Customer; duplicates: { id: string; name: string }[] }>('/api/customers', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.lists() }),
  });
}

export function useUpdateCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCustomerBody) => api.patch<Customer>(`/api/customers/${id}`, body),
    onSuccess: (c) => qc.setQueryData(customerKeys.detail(id), c),
    // refetch on failure too: after a 409 the page must carry the stored version
    onSettled: () => refresh(qc, [id]),
  });
}

/** Adds a home, a family member or a referral; the response is the updated 360 view. */
function useRelation<B>(id: string, path: string, others: (body: B) => string[]) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post<Customer>(`/api/customers/${id}/${path}`, body),
    onSuccess: (c, body) => {
      qc.setQueryData(customerKeys.detail(id), c);
      return refresh(qc, [id, ...others(body)]);
    },
  });
}

export const useAddOwnership = (id: string) =>
  useRelation<z.input<typeof addOwnershipBody>>(id, 'ownerships', () => []);
export const useAddFamilyMember = (id: string) =>
  useRelation<z.input<typeof addFamilyMemberBody>>(id, 'family', (b) => [b.memberId]);
export const useAddReferral = (id: string) =>
  useRelation<z.input<typeof addReferralBody>>(id, 'referrals', (b) => [b.referredId]);

/** Ends one of the customer's homes; the response is the updated 360 view (the home gone, kinds recomputed). */
export function useEndOwnership(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ ownershipId, ...body }: z.input<typeof endOwnershipBody> & { ownershipId: string }) =>
      api.post<Customer>(`/api/customers/${id}/ownerships/${ownershipId}/end`, body),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(id), c);
      return refresh(qc, [id]);
    },
  });
}

export function useUpdateReferralOutcome(customerId: string, otherId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ referralId, outcome }: { referralId: string; outcome: Outcome }) =>
      api.patch<{ ok: true }>(`/api/referrals/${referralId}`, { outcome }),
    onSuccess: () => refresh(qc, [customerId, otherId], false),
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

export function useRevealField(id: string) {
  return useMutation({
    mutationFn: (body: { field: 'phone' | 'idNumber'; phoneId?: string; reason: string }) =>
      api.post<{ field: string; value: string }>(`/api/customers/${id}/reveal`, body),
  });
}

/**
 * Folds `sourceId` into `targetId`; every relation and timeline entry moves, so all customer data is stale. Nothing
 * is refetched here: the source page would turn into "merged" before the caller could move on to the target.
 */
export function useMergeCustomers() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { targetId: string; sourceId: string; reason: string }) =>
      api.post<Customer>('/api/customers/merge', body),
    onSuccess: (target) => {
      void qc.invalidateQueries({ queryKey: customerKeys.all, refetchType: 'none' });
      qc.setQueryData(customerKeys.detail(target.id), target);
    },
  });
}

export function useAnonymiseCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => api.post<{ ok: true }>(`/api/customers/${id}/anonymise`, { reason }),
    onSuccess: () => qc.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export const exportCustomers = (filters: CustomerFilters & { q?: string }) =>
  downloadFile('/api/customers/export', filters, 'customers.xlsx');
export const exportCustomerData = (id: string, format: 'json' | 'xlsx') =>
  downloadFile(`/api/customers/${id}/data-export`, { format }, `customer-${id}.${format}`);
