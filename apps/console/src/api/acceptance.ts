import type { FileInfo } from '@anju/contracts';
import type {
  AcceptanceChecklist,
  AcceptanceFinding,
  AcceptanceSummary,
  FindingSeverity,
  FindingStatus,
  RecordAcceptanceFindingBody,
  UpdateAcceptanceFindingBody,
} from '@anju/contracts/acceptance';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from './client';
import type { Page } from './types';

export type { AcceptanceFinding, AcceptanceSummary };

/** What the batch's simulated acceptance checks besides the handover checklist (accepted lessons learned). */
export const useAcceptanceChecklist = (batchId: string) =>
  useQuery({
    queryKey: [...acceptanceKeys.all, 'checklist', batchId],
    queryFn: () => api.get<AcceptanceChecklist>(`/api/delivery-batches/${batchId}/acceptance-checklist`),
  });
export type FindingFilters = { status?: FindingStatus; severity?: FindingSeverity };
type FindingPage = Page<AcceptanceFinding> & { summary: AcceptanceSummary };

export const acceptanceKeys = {
  all: ['acceptance'] as const,
  batch: (batchId: string) => [...acceptanceKeys.all, 'batch', batchId] as const,
  list: (batchId: string, f: FindingFilters) => [...acceptanceKeys.batch(batchId), f] as const,
  mine: (status: FindingStatus) => [...acceptanceKeys.all, 'mine', status] as const,
};

/** A batch's findings, newest first (cursor-paged); each page carries the batch's summary counts. */
export function useAcceptanceFindings(batchId: string, filters: FindingFilters, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...acceptanceKeys.list(batchId, filters), limit],
    queryFn: ({ pageParam }) =>
      api.get<FindingPage>(`/api/delivery-batches/${batchId}/acceptance-findings`, {
        ...filters,
        cursor: pageParam,
        limit,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useRecordAcceptanceFinding(batchId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordAcceptanceFindingBody) =>
      api.post<AcceptanceFinding>(`/api/delivery-batches/${batchId}/acceptance-findings`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: acceptanceKeys.batch(batchId) }),
  });
}

/** Stages a photo for the next finding recorded. */
export const uploadAcceptancePhoto = (file: File) => uploadFile<FileInfo>('/api/acceptance-findings/photos', file);

/** Rectify (the contractor), verify or reopen (staff) a finding. */
export function useUpdateAcceptanceFinding() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateAcceptanceFindingBody & { id: string }) =>
      api.patch<AcceptanceFinding>(`/api/acceptance-findings/${id}`, body),
    // refetch on failure too: after a 409 the row carries the stored status and version
    onSettled: () => qc.invalidateQueries({ queryKey: acceptanceKeys.all }),
  });
}

/** The contractor's own findings in one status, most urgent first. */
export function useMyAcceptanceFindings(status: FindingStatus, limit = 50) {
  return useInfiniteQuery({
    queryKey: [...acceptanceKeys.mine(status), limit],
    queryFn: ({ pageParam }) =>
      api.get<Page<AcceptanceFinding>>('/api/acceptance-findings/mine', { status, cursor: pageParam, limit }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}
