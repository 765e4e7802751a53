import type {
  Cluster,
  ClusterDetail,
  ClusterMap,
  ClusterRule,
  ClusterRuleList,
  ClusterStatus,
  closeGroupCaseBody,
  createGroupCaseBody,
  GroupCase,
  GroupCaseDetail,
  updateGroupCaseBody,
  upsertClusterRuleBody,
} from '@anju/contracts/quality';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import type { Page } from './types';

export type { Cluster, ClusterDetail, ClusterMap, ClusterRule, ClusterStatus };
export type UpsertClusterRuleBody = z.input<typeof upsertClusterRuleBody>;
export interface ClusterFilter {
  status?: ClusterStatus;
  projectId?: string;
  minSeverity?: number;
}

/** The quality module's query keys. */
export const qualityKeys = {
  all: ['quality'] as const,
  clusters: (filter: ClusterFilter) => [...qualityKeys.all, 'clusters', filter] as const,
  cluster: (id: string) => [...qualityKeys.all, 'cluster', id] as const,
  map: (projectId: string) => [...qualityKeys.all, 'map', projectId] as const,
  rules: () => [...qualityKeys.all, 'rules'] as const,
};

export function useClusters(filter: ClusterFilter) {
  return useInfiniteQuery({
    queryKey: qualityKeys.clusters(filter),
    queryFn: ({ pageParam }) =>
      api.get<Page<Cluster>>('/api/quality/clusters', { ...filter, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useCluster = (id: string) =>
  useQuery({ queryKey: qualityKeys.cluster(id), queryFn: () => api.get<ClusterDetail>(`/api/quality/clusters/${id}`) });

export const useClusterMap = (projectId: string | undefined) =>
  useQuery({
    queryKey: qualityKeys.map(projectId ?? ''),
    queryFn: () => api.get<ClusterMap>('/api/quality/cluster-map', { projectId }),
    enabled: !!projectId,
  });

export const useClusterRules = () =>
  useQuery({ queryKey: qualityKeys.rules(), queryFn: () => api.get<ClusterRuleList>('/api/quality/cluster-rules') });

const useQualityMutation = <B, R>(fn: (body: B) => Promise<R>) => {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: qualityKeys.all }) });
};

export const useAcknowledgeCluster = (id: string) =>
  useQualityMutation((note: string) => api.post<ClusterDetail>(`/api/quality/clusters/${id}/acknowledge`, { note }));
export const useUpsertClusterRule = () =>
  useQualityMutation(({ orgUnitId, ...body }: UpsertClusterRuleBody & { orgUnitId: string }) =>
    api.put<ClusterRule>(`/api/quality/cluster-rules/${orgUnitId}`, body),
  );

// --- group cases ---

export type { GroupCase, GroupCaseDetail } from '@anju/contracts/quality';
export type CreateGroupCaseBody = z.input<typeof createGroupCaseBody>;
export type UpdateGroupCaseBody = z.input<typeof updateGroupCaseBody>;
export type CloseGroupCaseBody = z.input<typeof closeGroupCaseBody>;

export const caseKeys = {
  all: ['quality', 'cases'] as const,
  list: (status?: string) => [...caseKeys.all, 'list', status ?? ''] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
};

export function useGroupCases(status?: 'open' | 'closed') {
  return useInfiniteQuery({
    queryKey: caseKeys.list(status),
    queryFn: ({ pageParam }) =>
      api.get<Page<GroupCase>>('/api/quality/cases', { status, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useGroupCase = (id: string) =>
  useQuery({ queryKey: caseKeys.detail(id), queryFn: () => api.get<GroupCaseDetail>(`/api/quality/cases/${id}`) });

export const useCreateGroupCase = () =>
  useQualityMutation((body: CreateGroupCaseBody) => api.post<GroupCaseDetail>('/api/quality/cases', body));
export const useUpdateGroupCase = (id: string) =>
  useQualityMutation((body: UpdateGroupCaseBody) =>
    api.post<GroupCaseDetail>(`/api/quality/cases/${id}/updates`, body),
  );
export const useReplyToGroupCase = (id: string) =>
  useQualityMutation((body: string) => api.post<GroupCaseDetail>(`/api/quality/cases/${id}/reply`, { body }));
export const useCloseGroupCase = (id: string) =>
  useQualityMutation((body: CloseGroupCaseBody) => api.post<GroupCaseDetail>(`/api/quality/cases/${id}/close`, body));
