import type {
  Customer,
  createTicketBody,
  createWorkOrderBody,
  defectCategory,
  recordCallbackBody,
  Ticket,
  TicketQueuePage,
  TicketStatus,
  TicketSummary,
  TicketType,
  TransitionTicketBody,
  UpdateTicketBody,
  updateWorkOrderBody,
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
import { api } from './client';
import { customerKeys } from './customers';
import type { Page } from './types';

/** Request bodies as the client sends them (zod input types). */
export type CreateTicketBody = z.input<typeof createTicketBody>;
export type CreateWorkOrderBody = z.input<typeof createWorkOrderBody>;
export type UpdateWorkOrderBody = z.input<typeof updateWorkOrderBody>;
export type RecordCallbackBody = z.input<typeof recordCallbackBody>;
export type DefectCategory = z.infer<typeof defectCategory>;

export interface TicketFilters {
  status?: TicketStatus;
  open?: boolean;
  type?: TicketType;
  projectId?: string;
  categoryCode?: string;
  /** Repairs flagged as leaks. */
  leak?: boolean;
  complaintCause?: string;
  warning?: boolean;
  overdue?: boolean;
  assigneeUserId?: string;
  customerId?: string;
  unitId?: string;
  q?: string;
  sort?: 'created' | 'due';
}

export const ticketKeys = {
  all: ['tickets'] as const,
  lists: () => [...ticketKeys.all, 'list'] as const,
  list: (f: TicketFilters) => [...ticketKeys.lists(), f] as const,
  detail: (id: string) => [...ticketKeys.all, 'detail', id] as const,
  categories: () => [...ticketKeys.all, 'defect-categories'] as const,
};

/** Flags go out only when on: `warning=false` would mean "not warned", which no filter asks for. */
const toQuery = (f: TicketFilters) => ({
  ...f,
  open: f.open ? 'true' : undefined,
  leak: f.leak ? 'true' : undefined,
  warning: f.warning ? 'true' : undefined,
  overdue: f.overdue ? 'true' : undefined,
});

export function useTickets(filters: TicketFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...ticketKeys.list(filters), limit],
    queryFn: ({ pageParam }) =>
      api.get<TicketQueuePage>('/api/tickets', { ...toQuery(filters), cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The caller's open tickets, shown on the hotline intake card. */
export function useOpenTicketsOf(customerId: string | undefined) {
  return useQuery({
    queryKey: [...ticketKeys.list({ customerId, open: true }), 10],
    queryFn: () => api.get<Page<TicketSummary>>('/api/tickets', { customerId, open: 'true', limit: 10 }),
    enabled: Boolean(customerId),
  });
}

/** Open tickets of one home: the intake warns of one about the same problem before another is opened. */
export function useOpenTicketsOfHome(unitId: string | undefined) {
  return useQuery({
    queryKey: [...ticketKeys.list({ unitId, open: true }), 20],
    queryFn: () => api.get<Page<TicketSummary>>('/api/tickets', { unitId, open: 'true', limit: 20 }),
    enabled: Boolean(unitId),
  });
}

/** A note on a ticket chosen at the time (the intake's "add to it instead"). */
export function useAddNoteTo() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string; body: string; visibility: 'internal' | 'customer' }) =>
      api.post<Ticket>(`/api/tickets/${id}/notes`, body),
    onSuccess: (ticket) =>
      Promise.all([qc.invalidateQueries({ queryKey: ticketKeys.detail(ticket.id) }), refreshLists(qc)]),
  });
}

/** The picked caller's 360 (for their homes with unit ids); shares the cache of the customer page. */
export const useCaller = (customerId: string | undefined) =>
  useQuery({
    queryKey: customerKeys.detail(customerId ?? ''),
    queryFn: () => api.get<Customer>(`/api/customers/${customerId}`),
    enabled: Boolean(customerId),
  });

export const useTicket = (id: string) =>
  useQuery({ queryKey: ticketKeys.detail(id), queryFn: () => api.get<Ticket>(`/api/tickets/${id}`) });

export const useDefectCategories = () =>
  useQuery({
    queryKey: ticketKeys.categories(),
    queryFn: () => api.get<{ items: DefectCategory[] }>('/api/defect-categories'),
    select: (d) => d.items,
    staleTime: 30 * 60_000,
  });

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateTicketBody) => api.post<Ticket>('/api/tickets', body),
    onSuccess: (ticket) => {
      qc.setQueryData(ticketKeys.detail(ticket.id), ticket);
      return qc.invalidateQueries({ queryKey: ticketKeys.lists() });
    },
  });
}

/**
 * Every ticket write answers with the whole ticket: it replaces the page's copy. On failure (a 409 above all) the
 * ticket is refetched so the next attempt carries the stored version.
 */
function useTicketWrite<B>(id: string, send: (body: B) => Promise<Ticket>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (ticket) => {
      qc.setQueryData(ticketKeys.detail(id), ticket);
      return refreshLists(qc);
    },
    onError: () => qc.invalidateQueries({ queryKey: ticketKeys.detail(id) }),
  });
}

const refreshLists = (qc: QueryClient) => qc.invalidateQueries({ queryKey: ticketKeys.lists() });

/** `body.version` is the version of the copy on screen; a stale one gets VERSION_CONFLICT (409). */
export const useTransitionTicket = (id: string) =>
  useTicketWrite<TransitionTicketBody>(id, (body) => api.post<Ticket>(`/api/tickets/${id}/transitions`, body));

/** Edits the KPI fields (leak, drawing mismatch, complaint cause, responsible contractor). */
export const useUpdateTicket = (id: string) =>
  useTicketWrite<UpdateTicketBody>(id, (body) => api.patch<Ticket>(`/api/tickets/${id}`, body));

export const useAddTicketNote = (id: string) =>
  useTicketWrite<{ body: string; visibility: 'internal' | 'customer' }>(id, (body) =>
    api.post<Ticket>(`/api/tickets/${id}/notes`, body),
  );

export const useCreateWorkOrder = (id: string) =>
  useTicketWrite<CreateWorkOrderBody>(id, (body) => api.post<Ticket>(`/api/tickets/${id}/work-orders`, body));

export const useRecordCallback = (id: string) =>
  useTicketWrite<RecordCallbackBody>(id, (body) => api.post<Ticket>(`/api/tickets/${id}/callbacks`, body));

/** Confirm, reject or cancel a work order; the answer is only its new status, so the ticket is refetched. */
export function useUpdateWorkOrder(ticketId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ workOrderId, ...body }: UpdateWorkOrderBody & { workOrderId: string }) =>
      api.patch<{ id: string; status: string; version: number }>(`/api/work-orders/${workOrderId}`, body),
    onSettled: () => Promise.all([qc.invalidateQueries({ queryKey: ticketKeys.detail(ticketId) }), refreshLists(qc)]),
  });
}

export interface MergeTicketBody {
  intoTicketId: string;
  version: number;
  reason: string;
}

/** Merges this duplicate into `intoTicketId`; the answer is this ticket, now cancelled. The target is refetched. */
export function useMergeTicket(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MergeTicketBody) => api.post<Ticket>(`/api/tickets/${id}/merge`, body),
    onSuccess: (ticket, body) => {
      qc.setQueryData(ticketKeys.detail(id), ticket);
      return Promise.all([qc.invalidateQueries({ queryKey: ticketKeys.detail(body.intoTicketId) }), refreshLists(qc)]);
    },
    onError: () => qc.invalidateQueries({ queryKey: ticketKeys.detail(id) }),
  });
}

/** Tickets whose number starts with (or whose title contains) `q`: the merge target picker. */
export const useTicketSearch = (q: string) =>
  useQuery({
    queryKey: [...ticketKeys.list({ q }), 'search'],
    queryFn: () => api.get<Page<TicketSummary>>('/api/tickets', { q, limit: 10 }),
    enabled: q.length > 0,
    select: (d) => d.items,
    placeholderData: keepPreviousData,
  });

export interface BulkDispatchResult {
  id: string;
  ok: boolean;
  code: string | null;
}

/** Dispatches up to 100 tickets to one unit; each succeeds or fails on its own. The queue is refetched. */
export function useBulkDispatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { ids: string[]; assigneeOrgId: string; assigneeUserId?: string }) =>
      api.post<{ results: BulkDispatchResult[] }>('/api/tickets/bulk-dispatch', body),
    onSettled: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}
