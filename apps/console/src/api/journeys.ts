import type {
  completeJourneyTaskBody,
  JourneyPreviewItem,
  JourneyTask,
  JourneyTemplate,
  journeyTaskDetail,
  listJourneyTasksQuery,
  ProjectJourneyTemplate,
  previewJourneyBody,
  UpsertJourneyTemplateBody,
} from '@anju/contracts/journeys';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { ItemList, Page } from './types';

export type PreviewJourneyBody = z.input<typeof previewJourneyBody>;
export type JourneyTaskFilters = Pick<
  z.input<typeof listJourneyTasksQuery>,
  'status' | 'projectId' | 'stepKey' | 'dueBefore'
>;
export type CompleteJourneyTaskBody = z.input<typeof completeJourneyTaskBody>;
/** A task with its step (null when the step is gone from its template version). */
export type JourneyTaskDetail = z.infer<typeof journeyTaskDetail>;

export const journeyKeys = {
  all: ['journeys'] as const,
  templates: (companyId: string) => [...journeyKeys.all, 'templates', companyId] as const,
  template: (id: string) => [...journeyKeys.all, 'template', id] as const,
  tasks: ['journey-tasks'] as const,
  taskList: (f: JourneyTaskFilters) => [...journeyKeys.tasks, 'list', f] as const,
  task: (id: string) => [...journeyKeys.tasks, 'task', id] as const,
  project: (projectId: string) => [...journeyKeys.all, 'project', projectId] as const,
};

/** The company's templates as one project runs them. */
export function useProjectJourneyTemplates(projectId: string) {
  return useQuery({
    queryKey: journeyKeys.project(projectId),
    queryFn: () => api.get<ItemList<ProjectJourneyTemplate>>(`/api/projects/${projectId}/journey-templates`),
    select: (data) => data.items,
  });
}

/** Switches a template on or off for the project (null: as the company); answers the project's whole list. */
export function useSetProjectJourneyTemplate(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ templateId, enabled }: { templateId: string; enabled: boolean | null }) =>
      api.put<ItemList<ProjectJourneyTemplate>>(`/api/projects/${projectId}/journey-templates/${templateId}`, {
        enabled,
      }),
    onSuccess: (list) => qc.setQueryData(journeyKeys.project(projectId), list),
  });
}

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

/** Journey tasks in the caller's subtree, by due date (cursor-paged). */
export function useJourneyTasks(filters: JourneyTaskFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...journeyKeys.taskList(filters), limit],
    queryFn: ({ pageParam }) =>
      api.get<Page<JourneyTask>>('/api/journey-tasks', { ...filters, cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One task with its step (checklist and script as its template version has them). */
export function useJourneyTask(id: string | undefined) {
  return useQuery({
    queryKey: journeyKeys.task(id ?? 'none'),
    queryFn: () => api.get<JourneyTaskDetail>(`/api/journey-tasks/${id}`),
    enabled: Boolean(id),
  });
}

/** Records a task's outcome (reached / done close it; not reached counts a try). */
export function useCompleteJourneyTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: CompleteJourneyTaskBody & { id: string }) =>
      api.post<JourneyTaskDetail>(`/api/journey-tasks/${id}/complete`, body),
    // refetch on failure too: after a 409 the drawer and the list must carry the stored status and version
    onSettled: () => qc.invalidateQueries({ queryKey: journeyKeys.tasks }),
  });
}
