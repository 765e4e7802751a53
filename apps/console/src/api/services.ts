import type {
  advanceServiceRequestBody,
  createServiceRequestBody,
  Service,
  ServiceRequestDetail,
  ServiceRequestStatus,
  ServiceStep,
  upsertServiceBody,
} from '@anju/contracts/services';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type { Service, ServiceRequestDetail, ServiceRequestStatus, ServiceStep };
export type UpsertServiceBody = z.input<typeof upsertServiceBody>;
export type CreateServiceRequestBody = z.input<typeof createServiceRequestBody>;
export type AdvanceServiceRequestBody = z.input<typeof advanceServiceRequestBody>;
export interface ServiceRequestFilter {
  status?: ServiceRequestStatus;
  serviceId?: string;
  projectId?: string;
}

/** The value-added services' query keys. */
export const serviceKeys = {
  all: ['services'] as const,
  catalogue: () => [...serviceKeys.all, 'catalogue'] as const,
  requests: (filter: ServiceRequestFilter) => [...serviceKeys.all, 'requests', filter] as const,
  request: (id: string) => [...serviceKeys.all, 'request', id] as const,
};

/** The whole catalogue (a few dozen services at most): its pages read one after another. */
export const useServices = () =>
  useQuery({
    queryKey: serviceKeys.catalogue(),
    queryFn: async () => {
      const items: Service[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await api.get<Page<Service>>('/api/services', { cursor, limit: 200 });
        items.push(...page.items);
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      return items;
    },
  });

export function useServiceRequests(filter: ServiceRequestFilter) {
  return useInfiniteQuery({
    queryKey: serviceKeys.requests(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<ServiceRequestDetail>>('/api/service-requests', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useServiceRequest = (id: string) =>
  useQuery({
    queryKey: serviceKeys.request(id),
    queryFn: () => api.get<ServiceRequestDetail>(`/api/service-requests/${id}`),
  });

const useServiceMutation = <B, R>(fn: (body: B) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: serviceKeys.all }) });
};

export const useUpsertService = (code: string) =>
  useServiceMutation((body: UpsertServiceBody) => api.put<Service>(`/api/services/${code}`, body));
export const useCreateServiceRequest = () =>
  useServiceMutation((body: CreateServiceRequestBody) => api.post<ServiceRequestDetail>('/api/service-requests', body));
export const useAdvanceServiceRequest = (id: string) =>
  useServiceMutation((body: AdvanceServiceRequestBody) =>
    api.post<ServiceRequestDetail>(`/api/service-requests/${id}/advance`, body),
  );
export const useCancelServiceRequest = (id: string) =>
  useServiceMutation((reason: string) =>
    api.post<ServiceRequestDetail>(`/api/service-requests/${id}/cancel`, { reason }),
  );
