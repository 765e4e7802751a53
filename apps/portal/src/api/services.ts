import type { MyService, MyServiceRequest, MyServiceRequests, MyServices } from '@anju/contracts/services';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { MyService, MyServiceRequest };

export const serviceKeys = {
  all: ['services'] as const,
  offered: () => [...serviceKeys.all, 'offered'] as const,
  mine: () => [...serviceKeys.all, 'mine'] as const,
};

/** GET /api/portal/services: the services offered for my homes. */
export const useMyServices = () =>
  useQuery({
    queryKey: serviceKeys.offered(),
    queryFn: async () => (await api.get<MyServices>('/api/portal/services')).items,
  });

/** GET /api/portal/service-requests: my requests, each step in my language. */
export const useMyServiceRequests = () =>
  useQuery({
    queryKey: serviceKeys.mine(),
    queryFn: async () => (await api.get<MyServiceRequests>('/api/portal/service-requests')).items,
  });

const useServiceMutation = <B>(fn: (body: B) => Promise<MyServiceRequest>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: serviceKeys.all }) });
};

export const useRequestMyService = () =>
  useServiceMutation(({ id, unitId, note }: { id: string; unitId: string; note: string }) =>
    api.post<MyServiceRequest>(`/api/portal/services/${id}/request`, { unitId, note }),
  );
export const useCancelMyServiceRequest = () =>
  useServiceMutation(({ id, reason }: { id: string; reason: string }) =>
    api.post<MyServiceRequest>(`/api/portal/service-requests/${id}/cancel`, { reason }),
  );
export const useRateMyServiceRequest = () =>
  useServiceMutation(({ id, score, comment }: { id: string; score: number; comment: string }) =>
    api.post<MyServiceRequest>(`/api/portal/service-requests/${id}/rate`, { score, comment }),
  );
