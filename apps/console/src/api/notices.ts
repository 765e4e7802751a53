import type { createNoticeBody, FileInfo, Notice } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, uploadFileWithProgress } from './client';
import type { Page } from './types';

/** The request body as the client sends it (`imageIds` defaults to none). */
export type CreateNoticeBody = z.input<typeof createNoticeBody>;

export interface NoticeFilters {
  projectId?: string;
}

export const NOTICE_PAGE_SIZE = 20;

export const noticeKeys = {
  all: ['notices'] as const,
  lists: () => [...noticeKeys.all, 'list'] as const,
  list: (filters: NoticeFilters) => [...noticeKeys.lists(), filters] as const,
};

/** Notices of my scope (or one project), newest first, each with how many owners opened it. */
export function useNotices(filters: NoticeFilters) {
  return useInfiniteQuery({
    queryKey: noticeKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<Page<Notice>>('/api/notices', { ...filters, cursor: pageParam, limit: NOTICE_PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export interface NoticeImageUpload {
  file: File;
  onProgress?: (percent: number) => void;
}

/**
 * Uploads one image for a notice being written; its id goes into `imageIds` when publishing. Use `mutateAsync`
 * per file: several uploads run at once and each needs its own result.
 */
export function useUploadNoticeImage() {
  return useMutation({
    mutationFn: ({ file, onProgress }: NoticeImageUpload) =>
      uploadFileWithProgress<FileInfo>('/api/notices/images', file, { onProgress }),
  });
}

export function useCreateNotice() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateNoticeBody) => api.post<Notice>('/api/notices', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: noticeKeys.lists() }),
  });
}
