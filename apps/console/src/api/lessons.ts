import type { Lesson, LessonDepartment, LessonSource, LessonStatus, upsertLessonBody } from '@anju/contracts/lessons';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type { Lesson, LessonDepartment, LessonSource, LessonStatus };
export type UpsertLessonBody = z.input<typeof upsertLessonBody>;
export interface LessonFilter {
  status?: LessonStatus;
  department?: LessonDepartment;
  source?: LessonSource;
}

const lessonKeys = {
  all: ['quality', 'lessons'] as const,
  list: (filter: LessonFilter) => [...lessonKeys.all, filter] as const,
};

export function useLessons(filter: LessonFilter) {
  return useInfiniteQuery({
    queryKey: lessonKeys.list(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<Lesson>>('/api/quality/lessons', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Create (no id; with caseId: from a closed group case) or edit (id + version). */
export function useUpsertLesson() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertLessonBody) => api.post<Lesson>('/api/quality/lessons', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: lessonKeys.all }),
  });
}
