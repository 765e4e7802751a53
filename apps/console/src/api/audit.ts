import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api } from './client';
import type { AuditFilters, AuditPage } from './types';

export const AUDIT_PAGE_SIZE = 50;

export const auditKeys = {
  all: ['audit-events'] as const,
  lists: () => [...auditKeys.all, 'list'] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
};

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<AuditPage>('/api/audit-events', { ...filters, cursor: pageParam, limit: AUDIT_PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    // every write elsewhere adds events; always show the newest when the page opens
    staleTime: 0,
  });
}
