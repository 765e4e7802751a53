import type { FileInfo } from '@anju/contracts';
import type {
  answerOpenDaySuggestionBody,
  CreateOpenDayBody,
  createOpenDayBody,
  listOpenDaysQuery,
  OpenDay,
  OpenDayDetail,
  OpenDayItem,
  OpenDayKpis,
  recordOpenDaySuggestionBody,
  rectifyOpenDayIssueBody,
  registerOpenDayBody,
} from '@anju/contracts/open-days';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, uploadFile } from './client';
import type { Page } from './types';

export type OpenDayFilters = Pick<z.input<typeof listOpenDaysQuery>, 'projectId' | 'status' | 'from' | 'to'>;
export type CreateOpenDayInput = z.input<typeof createOpenDayBody>;
export type RecordOpenDayItemInput = z.input<typeof recordOpenDaySuggestionBody>;
export type RectifyInput = z.input<typeof rectifyOpenDayIssueBody>;
export type OpenDayPage = Page<OpenDay> & { kpis: OpenDayKpis };
export type { CreateOpenDayBody };

export const openDayKeys = {
  all: ['open-days'] as const,
  list: (f: OpenDayFilters) => [...openDayKeys.all, 'list', f] as const,
  day: (id: string) => [...openDayKeys.all, 'day', id] as const,
};

/** Open days in the caller's subtree, newest first (cursor-paged), with the period's rates on every page. */
export function useOpenDays(filters: OpenDayFilters, limit = 20) {
  return useInfiniteQuery({
    queryKey: [...openDayKeys.list(filters), limit],
    queryFn: ({ pageParam }) => api.get<OpenDayPage>('/api/open-days', { ...filters, cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The open-day board: registrations, suggestions and issues, both rates. */
export function useOpenDay(id: string | undefined) {
  return useQuery({
    queryKey: openDayKeys.day(id ?? 'none'),
    queryFn: () => api.get<OpenDayDetail>(`/api/open-days/${id}`),
    enabled: Boolean(id),
  });
}

/** A write on an open day: the board and the lists refetch, after a failure too (a 409 shows the stored state). */
function useOpenDayWrite<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSettled: () => qc.invalidateQueries({ queryKey: openDayKeys.all }) });
}

/** Calls off a planned open day with a reason. */
export const useOpenDayCancel = () =>
  useOpenDayWrite(({ id, ...body }: { id: string; version: number; reason: string }) =>
    api.post<OpenDayDetail>(`/api/open-days/${id}/cancel`, body),
  );

export const useCreateOpenDay = () =>
  useOpenDayWrite((body: CreateOpenDayInput) => api.post<OpenDayDetail>('/api/open-days', body));

export const useRegisterOpenDay = (id: string) =>
  useOpenDayWrite((body: z.input<typeof registerOpenDayBody>) =>
    api.post<OpenDayDetail>(`/api/open-days/${id}/registrations`, body),
  );

export const useCheckInOpenDay = (id: string) =>
  useOpenDayWrite((customerId: string) => api.post<OpenDayDetail>(`/api/open-days/${id}/check-in`, { customerId }));

export const useRecordOpenDayItem = (id: string) =>
  useOpenDayWrite((body: RecordOpenDayItemInput) => api.post<OpenDayItem>(`/api/open-days/${id}/items`, body));

export const useAnswerOpenDaySuggestion = (id: string) =>
  useOpenDayWrite(({ itemId, ...body }: z.input<typeof answerOpenDaySuggestionBody> & { itemId: string }) =>
    api.post<OpenDayItem>(`/api/open-days/${id}/items/${itemId}/answer`, body),
  );

export const useRectifyOpenDayIssue = (id: string) =>
  useOpenDayWrite(({ itemId, ...body }: RectifyInput & { itemId: string }) =>
    api.post<OpenDayItem>(`/api/open-days/${id}/items/${itemId}/rectify`, body),
  );

/** A photo staged for the suggestion or issue being recorded. */
export const uploadOpenDayPhoto = (file: File) => uploadFile<FileInfo>('/api/open-days/photos', file);
