import type { FileInfo } from '@anju/contracts';
import type { DisclosureAcknowledgement, DisclosurePack, UpsertDisclosurePackBody } from '@anju/contracts/disclosure';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, uploadFile } from './client';
import type { ItemList } from './types';

export type { DisclosurePack, UpsertDisclosurePackBody };

export const disclosureKeys = {
  all: ['disclosure'] as const,
  packs: (orgUnitId: string | undefined) => [...disclosureKeys.all, 'packs', orgUnitId ?? 'mine'] as const,
};

/** The packs of the projects in the caller's subtree (or under `orgUnitId`), with acknowledged / buyers counts. */
export function useDisclosurePacks(orgUnitId?: string) {
  return useQuery({
    queryKey: disclosureKeys.packs(orgUnitId),
    queryFn: () => api.get<ItemList<DisclosurePack>>('/api/disclosure-packs', { orgUnitId }),
    select: (data) => data.items,
  });
}

/** Publishes a project's pack: the first version (no `version`) or the next one. */
export function useUpsertDisclosurePack() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, ...body }: UpsertDisclosurePackBody & { projectId: string }) =>
      api.put<DisclosurePack>(`/api/projects/${projectId}/disclosure-pack`, body),
    // refetch on failure too: after a 409 the editor reloads the stored version
    onSettled: () => qc.invalidateQueries({ queryKey: disclosureKeys.all }),
  });
}

/** Stages the city map (an image or a PDF) for the project's next publish. */
export const uploadDisclosureMap = (projectId: string, file: File) =>
  uploadFile<FileInfo>(`/api/projects/${projectId}/disclosure-pack/map`, file);

/** A buyer acknowledged the current version at the sales office. */
export function useAcknowledgeDisclosure() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, ...body }: { projectId: string; customerId: string; version: number }) =>
      api.post<DisclosureAcknowledgement>(`/api/projects/${projectId}/disclosure-pack/acknowledgements`, body),
    onSettled: () => qc.invalidateQueries({ queryKey: disclosureKeys.all }),
  });
}
