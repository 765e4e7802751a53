import type {
  ContributionStatus,
  contribution,
  decideContributionBody,
  MagazineIssue,
  magazineRecipient,
  upsertMagazineIssueBody,
} from '@anju/contracts/club-magazine';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api, downloadFile } from './client';
import type { Page } from './types';

export type Contribution = z.infer<typeof contribution>;
export type MagazineRecipient = z.infer<typeof magazineRecipient>;
export type UpsertIssueBody = z.input<typeof upsertMagazineIssueBody>;
export type DecideContributionBody = z.input<typeof decideContributionBody>;

const keys = {
  all: ['clubMagazine'] as const,
  issues: (status?: string) => [...keys.all, 'issues', status ?? 'all'] as const,
  recipients: (id: string) => [...keys.all, 'recipients', id] as const,
  contributions: (status?: string) => [...keys.all, 'contributions', status ?? 'all'] as const,
};

const paged = <T>(key: readonly unknown[], path: string, query: Record<string, unknown> = {}) => ({
  queryKey: key,
  queryFn: ({ pageParam }: { pageParam: string | undefined }) =>
    api.get<Page<T>>(path, { ...query, cursor: pageParam, limit: 20 }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last: Page<T>) => last.nextCursor ?? undefined,
});

export const useMagazineIssues = (status?: 'draft' | 'published') =>
  useInfiniteQuery(paged<MagazineIssue>(keys.issues(status), '/api/club/magazine/issues', { status }));

export const useMagazineRecipients = (issueId: string) =>
  useInfiniteQuery(
    paged<MagazineRecipient>(keys.recipients(issueId), `/api/club/magazine/issues/${issueId}/recipients`),
  );

export const useContributions = (status?: ContributionStatus) =>
  useInfiniteQuery(paged<Contribution>(keys.contributions(status), '/api/club/magazine/contributions', { status }));

/** Creates an issue under a new id, or changes one at its version (publishing is one way). */
export function useSaveIssue() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpsertIssueBody }) =>
      api.put<MagazineIssue>(`/api/club/magazine/issues/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function useDecideContribution() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DecideContributionBody }) =>
      api.patch<Contribution>(`/api/club/magazine/contributions/${id}`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

/** The print shop's list with full addresses (.xlsx; the server audits it). */
export const exportRecipients = (issueId: string) =>
  downloadFile(`/api/club/magazine/issues/${issueId}/recipients/export`, {}, 'magazine-recipients.xlsx');
