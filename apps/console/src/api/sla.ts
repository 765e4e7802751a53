import type {
  businessCalendar,
  defectCategory,
  previewSlaBody,
  SlaPolicy,
  slaPreview,
  updateBusinessCalendarBody,
  upsertSlaPolicyBody,
} from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { ItemList } from './types';

export type BusinessCalendar = z.infer<typeof businessCalendar>;
export type UpdateBusinessCalendarBody = z.input<typeof updateBusinessCalendarBody>;
export type UpsertSlaPolicyBody = z.input<typeof upsertSlaPolicyBody>;
export type PreviewSlaBody = z.input<typeof previewSlaBody>;
export type SlaPreview = z.infer<typeof slaPreview>;
export type DefectCategory = z.infer<typeof defectCategory>;

export const slaKeys = {
  all: ['sla'] as const,
  policies: (companyId: string) => [...slaKeys.all, 'policies', companyId] as const,
  calendar: (companyId: string) => [...slaKeys.all, 'calendar', companyId] as const,
  categories: () => ['defect-categories'] as const,
};

/** The company's own policies, then the built-in rule of every type × node it has not overridden. */
export function useSlaPolicies(companyId: string | undefined) {
  return useQuery({
    queryKey: slaKeys.policies(companyId ?? 'none'),
    queryFn: () => api.get<ItemList<SlaPolicy>>('/api/sla/policies', { companyId }),
    select: (data) => data.items,
    enabled: Boolean(companyId),
  });
}

export function useUpsertSlaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertSlaPolicyBody) => api.put<{ id: string; version: number }>('/api/sla/policies', body),
    onSuccess: (_, body) => qc.invalidateQueries({ queryKey: slaKeys.policies(body.companyId) }),
  });
}

export function useBusinessCalendar(companyId: string | undefined) {
  return useQuery({
    queryKey: slaKeys.calendar(companyId ?? 'none'),
    queryFn: () => api.get<BusinessCalendar>(`/api/sla/calendars/${companyId}`),
    enabled: Boolean(companyId),
  });
}

export function useUpdateBusinessCalendar(companyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateBusinessCalendarBody) =>
      api.put<BusinessCalendar>(`/api/sla/calendars/${companyId}`, body),
    onSuccess: (cal) => qc.setQueryData(slaKeys.calendar(companyId), cal),
    // after a 409 the form must start again from the stored calendar and version
    onError: () => qc.invalidateQueries({ queryKey: slaKeys.calendar(companyId) }),
  });
}

/** Deadlines a hypothetical ticket would get; a mutation because it is a POST computed on demand. */
export function useSlaPreview() {
  return useMutation({ mutationFn: (body: PreviewSlaBody) => api.post<SlaPreview>('/api/sla/preview', body) });
}

export function useDefectCategories() {
  return useQuery({
    queryKey: slaKeys.categories(),
    queryFn: () => api.get<ItemList<DefectCategory>>('/api/defect-categories'),
    select: (data) => data.items,
    staleTime: 10 * 60_000,
  });
}
