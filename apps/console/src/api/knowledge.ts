import type { FileInfo } from '@anju/contracts';
import type {
  KnowledgeArticle,
  KnowledgeAudience,
  KnowledgeHit,
  KnowledgeStatus,
  knowledgeVersion,
  suggestKnowledgeBody,
  upsertKnowledgeArticleBody,
} from '@anju/contracts/knowledge';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, uploadFileWithProgress } from './client';
import type { ItemList, Page } from './types';

export type { KnowledgeArticle, KnowledgeAudience, KnowledgeHit, KnowledgeStatus };
export type UpsertKnowledgeArticleBody = z.input<typeof upsertKnowledgeArticleBody>;
export type SuggestKnowledgeBody = z.input<typeof suggestKnowledgeBody>;
export type KnowledgeVersion = z.infer<typeof knowledgeVersion>;
export interface KnowledgeFilter {
  q?: string;
  category?: string;
  audience?: KnowledgeAudience;
  status?: KnowledgeStatus;
}

/** The knowledge base's query keys. */
export const knowledgeKeys = {
  all: ['knowledge'] as const,
  search: (filter: KnowledgeFilter) => [...knowledgeKeys.all, 'search', filter] as const,
  article: (id: string, version?: number) => [...knowledgeKeys.all, 'article', id, version ?? 'current'] as const,
  versions: (id: string) => [...knowledgeKeys.all, 'versions', id] as const,
  suggest: (body: SuggestKnowledgeBody) => [...knowledgeKeys.all, 'suggest', body] as const,
};

export function useKnowledgeSearch(filter: KnowledgeFilter) {
  return useInfiniteQuery({
    queryKey: knowledgeKeys.search(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<KnowledgeHit>>('/api/knowledge/articles', { ...filter, cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useKnowledgeArticle = (id: string | null, version?: number) =>
  useQuery({
    queryKey: knowledgeKeys.article(id ?? '', version),
    queryFn: () => api.get<KnowledgeArticle>(`/api/knowledge/articles/${id}`, version ? { version } : undefined),
    enabled: !!id,
  });

export const useKnowledgeVersions = (id: string | null) =>
  useQuery({
    queryKey: knowledgeKeys.versions(id ?? ''),
    queryFn: () => api.get<ItemList<KnowledgeVersion>>(`/api/knowledge/articles/${id}/versions`),
    select: (d) => d.items,
    enabled: !!id,
  });

/** Suggestions for what is typed (the caller debounces); off while there is nothing to go on. */
export const useKnowledgeSuggestions = (body: SuggestKnowledgeBody, enabled = true) =>
  useQuery({
    queryKey: knowledgeKeys.suggest(body),
    queryFn: () => api.post<ItemList<KnowledgeHit>>('/api/knowledge/suggest', body),
    select: (d) => d.items,
    enabled: enabled && !!(body.title?.trim() || body.description?.trim() || body.category),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });

export function useSaveKnowledgeArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertKnowledgeArticleBody) => api.post<KnowledgeArticle>('/api/knowledge/articles', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
}

/** Adds a photo to an article (the same bytes again answer the stored photo); the article refetches. */
export function useUploadKnowledgePhoto(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadFileWithProgress<FileInfo>(`/api/knowledge/articles/${id}/photos`, file),
    onSuccess: () => qc.invalidateQueries({ queryKey: knowledgeKeys.all }),
  });
}
