import type {
  ListSurveyRequestsQuery,
  RecordSurveyAnswerBody,
  SendSurveyBody,
  Survey,
  SurveyRequest,
  sendSurveyBody,
  upsertSurveyBody,
} from '@anju/contracts/surveys';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type SurveyRequestFilters = Partial<
  Pick<ListSurveyRequestsQuery, 'kind' | 'status' | 'channel' | 'surveyId' | 'projectId' | 'from' | 'to'>
>;
export type UpsertSurveyInput = z.input<typeof upsertSurveyBody>;
export type SendSurveyInput = z.input<typeof sendSurveyBody>;
export type SentSurveys = { items: SurveyRequest[]; skipped: number };
export type { RecordSurveyAnswerBody, SendSurveyBody, Survey, SurveyRequest };

export const surveyKeys = {
  all: ['surveys'] as const,
  definitions: () => [...surveyKeys.all, 'definitions'] as const,
  requests: (f: SurveyRequestFilters) => [...surveyKeys.all, 'requests', f] as const,
};

/** Survey definitions the reader sees (the group's and their company's), with the current questions. */
export function useSurveys() {
  return useQuery({
    queryKey: surveyKeys.definitions(),
    queryFn: () => api.get<{ items: Survey[] }>('/api/surveys'),
  });
}

/** Survey requests and callbacks in the reader's subtree, newest first (cursor-paged), with their answers. */
export function useSurveyRequests(filters: SurveyRequestFilters, limit = 20) {
  return useInfiniteQuery({
    queryKey: [...surveyKeys.requests(filters), limit],
    queryFn: ({ pageParam }) =>
      api.get<Page<SurveyRequest>>('/api/survey-requests', { ...filters, cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** A survey write: definitions and requests refetch, after a failure too (a 409 shows the stored state). */
function useSurveyWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: surveyKeys.all }) });
}

/** Creates or changes a definition (new questions make a new version; `version` as read). */
export const useUpsertSurvey = () =>
  useSurveyWrite(({ code, ...body }: UpsertSurveyInput & { code: string }) =>
    api.put<Survey>(`/api/surveys/${code}`, body),
  );

/** Sends a survey about one subject or to a sample (per product type of a batch; a share of a project's owners). */
export const useSendSurvey = () =>
  useSurveyWrite(({ code, ...body }: SendSurveyInput & { code: string }) =>
    api.post<SentSurveys>(`/api/surveys/${code}/send`, body),
  );

/** An agent's call: the answers, or not reached. */
export const useRecordSurveyAnswer = () =>
  useSurveyWrite(({ id, ...body }: RecordSurveyAnswerBody & { id: string }) =>
    api.post<SurveyRequest>(`/api/survey-requests/${id}/answer`, body),
  );

/** A new one-use link for a pending request, texted when the person consented. */
export const useSurveyLink = () =>
  useSurveyWrite((id: string) => api.post<{ expiresAt: string; sent: boolean }>(`/api/survey-requests/${id}/link`, {}));
