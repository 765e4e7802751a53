import type { Notice } from '@anju/contracts';
import {
  type InfiniteData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { ApiError, api, type Page } from './client';
import { meKeys } from './me';

export interface NoticeFilters {
  unread?: boolean;
}

export const noticeKeys = {
  all: ['notices'] as const,
  lists: () => [...noticeKeys.all, 'list'] as const,
  list: (f: NoticeFilters) => [...noticeKeys.lists(), f] as const,
  detail: (id: string) => [...noticeKeys.all, 'detail', id] as const,
};

const PAGE_SIZE = 20;
/** How far a deep link to a notice looks back through the list (the API has no single-notice GET). */
const LOOKUP_PAGES = 5;

const fetchPage = (filters: NoticeFilters, cursor: string | undefined) =>
  api.get<Page<Notice>>('/api/portal/notices', {
    unread: filters.unread ? 'true' : undefined,
    cursor,
    limit: PAGE_SIZE,
  });

export function useMyNotices(filters: NoticeFilters = {}) {
  return useInfiniteQuery({
    queryKey: noticeKeys.list(filters),
    queryFn: ({ pageParam }) => fetchPage(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

function findCached(queryClient: QueryClient, id: string): Notice | undefined {
  for (const [, data] of queryClient.getQueriesData<InfiniteData<Page<Notice>>>({ queryKey: noticeKeys.lists() })) {
    const found = data?.pages.flatMap((p) => p.items).find((n) => n.id === id);
    if (found) return found;
  }
  return undefined;
}

/** One notice: from the cached list when the owner came from it, else looked up page by page. */
export function useMyNotice(id: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: noticeKeys.detail(id),
    initialData: () => findCached(queryClient, id),
    queryFn: async () => {
      let cursor: string | undefined;
      for (let i = 0; i < LOOKUP_PAGES; i++) {
        const page = await fetchPage({}, cursor);
        const found = page.items.find((n) => n.id === id);
        if (found) return found;
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      throw new ApiError(404, 'NOTICE_NOT_FOUND', 'notice not found');
    },
  });
}

function setRead(queryClient: QueryClient, id: string): void {
  queryClient.setQueriesData<InfiniteData<Page<Notice>>>({ queryKey: noticeKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((p) => ({
            ...p,
            items: p.items.map((n) => (n.id === id ? { ...n, read: true } : n)),
          })),
        }
      : data,
  );
  queryClient.setQueryData<Notice>(noticeKeys.detail(id), (n) => (n ? { ...n, read: true } : n));
}

export function useMarkNoticeRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<unknown>(`/api/portal/notices/${encodeURIComponent(id)}/read`),
    onSuccess: (_data, id) => {
      setRead(queryClient, id);
      return queryClient.invalidateQueries({ queryKey: meKeys.profile() });
    },
  });
}
