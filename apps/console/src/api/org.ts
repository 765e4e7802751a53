import type { OrgUnit } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateOrgUnitBody, ItemList, OrgUnitFilters, UpdateOrgUnitBody } from './types';
import { userKeys } from './users';

export const orgKeys = {
  all: ['org-units'] as const,
  lists: () => [...orgKeys.all, 'list'] as const,
  list: (filters: OrgUnitFilters = {}) => [...orgKeys.lists(), filters] as const,
};

/** The whole visible subtree as a flat list (bounded by the organisation's size). */
export function useOrgUnits(filters: OrgUnitFilters = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: orgKeys.list(filters),
    queryFn: () =>
      api.get<ItemList<OrgUnit>>('/api/org-units', {
        type: filters.type,
        parentId: filters.parentId,
        q: filters.q,
        // the server coerces any value to true, so the flag is sent only when set
        includeInactive: filters.includeInactive ? 'true' : undefined,
      }),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function useCreateOrgUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrgUnitBody) => api.post<OrgUnit>('/api/org-units', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: orgKeys.all }),
  });
}

export function useUpdateOrgUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateOrgUnitBody & { id: string }) =>
      api.patch<OrgUnit>(`/api/org-units/${id}`, body),
    onSettled: async () => {
      // users show their unit's name; a rename must reach those lists too
      await Promise.all([
        qc.invalidateQueries({ queryKey: orgKeys.all }),
        qc.invalidateQueries({ queryKey: userKeys.all }),
      ]);
    },
  });
}
