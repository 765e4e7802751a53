import type { AnswerSurveyBody, SurveyAnswerInput, SurveyForm, SurveyQuestion } from '@anju/contracts/surveys';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type { AnswerSurveyBody, SurveyAnswerInput, SurveyForm, SurveyQuestion };

export const surveyKeys = {
  all: ['surveys'] as const,
  mine: () => [...surveyKeys.all, 'mine'] as const,
  link: (token: string) => [...surveyKeys.all, 'link', token] as const,
};

/** GET /api/portal/surveys: my surveys and callbacks waiting for an answer, newest first, with their questions. */
export function useMySurveys() {
  return useQuery({
    queryKey: surveyKeys.mine(),
    queryFn: async () => (await api.get<{ items: SurveyForm[] }>('/api/portal/surveys')).items,
  });
}

/** POST /api/portal/surveys/:id: answers one of mine, once; the list is refetched (the answered one leaves it). */
export function useAnswerMySurvey(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AnswerSurveyBody) => api.post<SurveyForm>(`/api/portal/surveys/${encodeURIComponent(id)}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: surveyKeys.mine() }),
  });
}

/** GET /api/survey-links/:token: what an SMS survey link shows, without sign-in (one use, expires). */
export function useSurveyLink(token: string) {
  return useQuery({
    queryKey: surveyKeys.link(token),
    queryFn: () => api.get<SurveyForm>(`/api/survey-links/${encodeURIComponent(token)}`),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useAnswerSurveyLink(token: string) {
  return useMutation({
    mutationFn: (body: AnswerSurveyBody) =>
      api.post<{ ok: true }>(`/api/survey-links/${encodeURIComponent(token)}`, body),
  });
}
