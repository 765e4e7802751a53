import type { Project, Unit, UnitWarranty } from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from './client';

type Page<T> = { items: T[]; nextCursor: string | null };
export type Building = {
  id: string;
  phase: string;
  code: string;
  name: string;
  floors: number | null;
  unitCount: number;
};

export const propertyKeys = {
  all: ['property'] as const,
  projects: (q: string) => [...propertyKeys.all, 'projects', q] as const,
  project: (id: string) => [...propertyKeys.all, 'project', id] as const,
  buildings: (projectId: string) => [...propertyKeys.all, 'buildings', projectId] as const,
  units: (buildingId: string) => [...propertyKeys.all, 'units', buildingId] as const,
  warranty: (unitId: string) => [...propertyKeys.all, 'warranty', unitId] as const,
};

export function useProjects(q: string) {
  return useInfiniteQuery({
    queryKey: propertyKeys.projects(q),
    queryFn: ({ pageParam }) => api.get<Page<Project>>('/api/projects', { q, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export const useProject = (id: string) =>
  useQuery({ queryKey: propertyKeys.project(id), queryFn: () => api.get<Project>(`/api/projects/${id}`) });

export const useBuildings = (projectId: string) =>
  useQuery({
    queryKey: propertyKeys.buildings(projectId),
    queryFn: () => api.get<{ items: Building[] }>(`/api/projects/${projectId}/buildings`),
  });

/** Every unit of one building for the grid (a building has a few hundred at most; pages of 200 are followed). */
export function useBuildingUnits(buildingId: string | undefined) {
  return useQuery({
    queryKey: propertyKeys.units(buildingId ?? 'none'),
    enabled: Boolean(buildingId),
    queryFn: async () => {
      const all: Unit[] = [];
      let cursor: string | undefined;
      do {
        const page = await api.get<Page<Unit>>('/api/units', { buildingId, cursor, limit: 200 });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor && all.length < 5000);
      return all;
    },
  });
}

export const useUnitWarranty = (unitId: string | null) =>
  useQuery({
    queryKey: propertyKeys.warranty(unitId ?? 'none'),
    enabled: Boolean(unitId),
    queryFn: () => api.get<UnitWarranty>(`/api/units/${unitId}/warranty`),
  });
