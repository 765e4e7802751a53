import type { PropertyVisit, RecordPropertyVisitBody } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, downloadFile } from './client';
import type { Page } from './types';

export type VisitFilters = { projectId?: string; month?: string };
type Unit = { id: string; code: string };

export const visitKeys = {
  all: ['property-visits'] as const,
  list: (f: VisitFilters) => [...visitKeys.all, 'list', f] as const,
  units: (projectId: string, code: string) => [...visitKeys.all, 'units', projectId, code] as const,
};

/** Visits in scope, newest first, in cursor pages. */
export function usePropertyVisits(f: VisitFilters) {
  return useInfiniteQuery({
    queryKey: visitKeys.list(f),
    queryFn: ({ pageParam }) =>
      api.get<Page<PropertyVisit>>('/api/property-visits', { ...f, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRecordPropertyVisit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Omit<RecordPropertyVisitBody, 'issues' | 'measures'> & { issues?: string; measures?: string }) =>
      api.post<PropertyVisit>('/api/property-visits', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: visitKeys.all }),
  });
}

/** Units of a project whose code starts with `code` (the first 20), for the record form. */
export const useProjectUnits = (projectId: string | undefined, code: string) =>
  useQuery({
    queryKey: visitKeys.units(projectId ?? '', code),
    enabled: Boolean(projectId),
    queryFn: () => api.get<Page<Unit>>('/api/units', { projectId, code: code || undefined, limit: 20 }),
    placeholderData: keepPreviousData,
  });

export const exportPropertyVisits = (f: VisitFilters) =>
  downloadFile('/api/property-visits/export', f, 'property-visits.xlsx');
