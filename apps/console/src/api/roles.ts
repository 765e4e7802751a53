import type { Role } from '@anju/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authKeys } from './auth';
import { api } from './client';
import type { CreateRoleBody, ItemList, UpdateRoleBody } from './types';
import { userKeys } from './users';

export const roleKeys = {
  all: ['roles'] as const,
  list: () => [...roleKeys.all, 'list'] as const,
};

export function useRoles(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: roleKeys.list(),
    queryFn: () => api.get<ItemList<Role>>('/api/roles'),
    select: (data) => data.items,
    enabled: options.enabled ?? true,
  });
}

export function useCreateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateRoleBody) => api.post<Role>('/api/roles', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: roleKeys.all }),
  });
}

export function useUpdateRole() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateRoleBody & { id: string }) => api.patch<Role>(`/api/roles/${id}`, body),
    onSettled: async () => {
      // role names appear on users, and my own permissions may come from this role
      await Promise.all([
        qc.invalidateQueries({ queryKey: roleKeys.all }),
        qc.invalidateQueries({ queryKey: userKeys.all }),
        qc.invalidateQueries({ queryKey: authKeys.me() }),
      ]);
    },
  });
}
