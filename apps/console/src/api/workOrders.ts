import type { listMyWorkOrdersQuery, MyWorkOrder, updateWorkOrderBody, WorkOrder } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type WorkOrderStatus = WorkOrder['status'];
export type WorkOrderFilters = Pick<z.input<typeof listMyWorkOrdersQuery>, 'status'>;
export type UpdateWorkOrderBody = z.input<typeof updateWorkOrderBody>;

export const workOrderKeys = {
  all: ['work-orders'] as const,
  mine: (f: WorkOrderFilters) => [...workOrderKeys.all, 'mine', f] as const,
};

/** Orders for me, my org unit or my department, newest first. */
export function useMyWorkOrders(filters: WorkOrderFilters) {
  return useInfiniteQuery({
    queryKey: workOrderKeys.mine(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<MyWorkOrder>>('/api/work-orders/mine', { status: filters.status, cursor: pageParam, limit: 30 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useUpdateWorkOrder() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateWorkOrderBody & { id: string }) =>
      api.patch<{ id: string; status: WorkOrderStatus; version: number }>(`/api/work-orders/${id}`, body),
    // refetch on failure too: after a 409 the list must carry the stored status and version
    onSettled: () => qc.invalidateQueries({ queryKey: workOrderKeys.all }),
  });
}

/** The owner's full phone for my running order, given a reason (audited); shown to me only, never cached. */
export function useRevealWorkOrderPhone(id: string) {
  return useMutation({
    mutationFn: (reason: string) => api.post<{ phone: string }>(`/api/work-orders/${id}/reveal-phone`, { reason }),
  });
}
