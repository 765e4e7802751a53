import type { ImportJob } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from './client';

export type ImportKind = ImportJob['kind'];
type ImportPage = { items: ImportJob[]; nextCursor: string | null };

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (kind: ImportKind | undefined) => [...importKeys.lists(), kind ?? 'all'] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
};

export const templateUrl = (kind: ImportKind) => `/api/imports/templates/${kind}`;

export function useImportJobs(kind: ImportKind | undefined) {
  return useInfiniteQuery({
    queryKey: importKeys.list(kind),
    queryFn: ({ pageParam }) => api.get<ImportPage>('/api/imports', { kind, cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

const running = (job: ImportJob | undefined) => job?.status === 'queued' || job?.status === 'running';

/** Polls a job every second while it runs: the progress bar follows `processed / total`. */
export function useImportJob(id: string | null) {
  return useQuery({
    queryKey: importKeys.detail(id ?? 'none'),
    queryFn: () => api.get<ImportJob>(`/api/imports/${id}`),
    enabled: Boolean(id),
    refetchInterval: (query) => (running(query.state.data) ? 1000 : false),
  });
}

export function useStartImport(kind: ImportKind) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFile<ImportJob>(`/api/imports/${kind}`, file),
    onSuccess: (job) => {
      qc.setQueryData(importKeys.detail(job.id), job);
      void qc.invalidateQueries({ queryKey: importKeys.lists() });
    },
  });
}
