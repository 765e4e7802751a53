import type { addMyFamilyMemberBody, MyHome, myFamilyMember } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { meKeys } from './me';

export type MyFamilyMember = z.infer<typeof myFamilyMember>;
export type AddMyFamilyMemberBody = z.input<typeof addMyFamilyMemberBody>;
export type WarrantyItem = MyHome['warranty'][number];

export const homeKeys = {
  all: ['homes'] as const,
  list: () => [...homeKeys.all, 'list'] as const,
};

/** An owner has a handful of homes at most, so the list comes in one answer. */
export function useMyHomes() {
  return useQuery({
    queryKey: homeKeys.list(),
    queryFn: async () => (await api.get<{ items: MyHome[] }>('/api/portal/homes')).items,
  });
}

export function useMyHome(unitId: string | undefined) {
  const homes = useMyHomes();
  return { ...homes, home: homes.data?.find((h) => h.unitId === unitId) };
}

export function useAddMyFamilyMember(unitId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddMyFamilyMemberBody) =>
      api.post<MyFamilyMember>(`/api/portal/homes/${encodeURIComponent(unitId)}/family`, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: homeKeys.all }),
        queryClient.invalidateQueries({ queryKey: meKeys.profile() }),
      ]),
  });
}
