import type { User } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { CreateUserBody, UpdateUserBody, UserFilters, UserPage } from './types';

export const USER_PAGE_SIZE = 50;

export const userKeys = {
  all: ['users'] as const,
  lists: () => [...userKeys.all, 'list'] as const,
  list: (filters: UserFilters) => [...userKeys.lists(), filters] as const,
  members: (unit: MembersOf) => [...userKeys.lists(), 'members', unit] as const,
  details: () => [...userKeys.all, 'detail'] as const,
  detail: (id: string) => [...userKeys.details(), id] as const,
};

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam }) =>
      api.get<UserPage>('/api/users', { ...filters, cursor: pageParam, limit: USER_PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Users placed in `orgUnitId`, narrowed to one department's members when `departmentId` is given. */
export interface MembersOf {
  orgUnitId: string;
  departmentId?: string;
}

const MEMBERS_CAP = 1000;

/** Active members of one unit, for pickers (pages of 200 followed, at most 1000). */
export function useOrgUnitMembers(unit: MembersOf | null, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: userKeys.members(unit ?? { orgUnitId: '' }),
    enabled: Boolean(unit) && (options.enabled ?? true),
    queryFn: async () => {
      const all: User[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<UserPage>('/api/users', {
          orgUnitId: unit?.orgUnitId,
          status: 'active',
          cursor,
          limit: 200,
        });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < MEMBERS_CAP);
      return unit?.departmentId ? all.filter((u) => u.departmentId === unit.departmentId) : all;
    },
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: () => api.get<User>(`/api/users/${id}`),
    enabled: !!id,
  });
}

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<User>('/api/users', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: userKeys.lists() }),
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUserBody & { id: string }) => api.patch<User>(`/api/users/${id}`, body),
    onSuccess: (user) => qc.setQueryData(userKeys.detail(user.id), user),
    // refetch on failure too: after a 409 the lists must carry the stored version
    onSettled: () => qc.invalidateQueries({ queryKey: userKeys.all }),
  });
}
