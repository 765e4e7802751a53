import type {
  JourneyPreviewItem,
  JourneyTemplate,
  previewJourneyBody,
  UpsertJourneyTemplateBody,
} from '@anju/contracts/journeys';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { ItemList } from './types';

export type PreviewJourneyBody = z.input<typeof previewJourneyBody>;

export const journeyKeys = {
  all: ['journeys'] as const,
  templates: (companyId: string) => [...journeyKeys.all, 'templates', companyId] as const,
  template: (id: string) => [...journeyKeys.all, 'template', id] as const,
};

/** A company's journey templates (the 6+2 steps and Pulte's 7 by default). */
export function useJourneyTemplates(companyId: string | undefined) {
  return useQuery({
    queryKey: journeyKeys.templates(companyId ?? 'none'),
    queryFn: () => api.get<ItemList<JourneyTemplate>>('/api/journey-templates', { companyId }),
    select: (data) => data.items,
    enabled: Boolean(companyId),
  });
}

export function useJourneyTemplate(id: string | undefined) {
  return useQuery({
    queryKey: journeyKeys.template(id ?? 'none'),
    queryFn: () => api.get<JourneyTemplate>(`/api/journey-templates/${id}`),
    enabled: Boolean(id),
  });
}

/** Saves the next version of a template. */
export function useUpsertJourneyTemplate(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertJourneyTemplateBody) => api.put<JourneyTemplate>(`/api/journey-templates/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: journeyKeys.all }),
  });
}

/** Every step's due date for a household with these anchors, or why the step gets no task. */
export function usePreviewJourney() {
  return useMutation({
    mutationFn: (body: PreviewJourneyBody) =>
      api.post<ItemList<JourneyPreviewItem>>('/api/journey-templates/preview', body),
  });
}
