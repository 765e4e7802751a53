import type { DisclosureAcknowledgement, MyDisclosure } from '@anju/contracts/disclosure';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';

export type MyDisclosureItem = MyDisclosure['items'][number];

export const disclosureKeys = {
  all: ['disclosure'] as const,
  mine: () => [...disclosureKeys.all, 'mine'] as const,
};

/** GET /api/portal/disclosure: each of my projects' risk disclosure, and whether I acknowledged its current version. */
export function useMyDisclosure() {
  return useQuery({
    queryKey: disclosureKeys.mine(),
    queryFn: async () => (await api.get<MyDisclosure>('/api/portal/disclosure')).items,
  });
}

/** I read this version of my project's disclosure; the list refetches either way (a newer version shows as it is). */
export function useAcknowledgeMyDisclosure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { projectId: string; version: number }) =>
      api.post<DisclosureAcknowledgement>('/api/portal/disclosure/acknowledgements', body),
    onSettled: () => qc.invalidateQueries({ queryKey: disclosureKeys.all }),
  });
}
