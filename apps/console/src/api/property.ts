import type {
  createProjectBody,
  deliveryBatch,
  Project,
  ProjectMilestone,
  productType,
  projectMilestone,
  Unit,
  UnitWarranty,
  updateProjectBody,
  updateUnitBody,
  upsertProductTypeBody,
  upsertWarrantyRuleBody,
  warrantyRule,
} from '@anju/contracts';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { api } from './client';
import { orgKeys } from './org';

type Page<T> = { items: T[]; nextCursor: string | null };
export type Building = {
  id: string;
  phase: string;
  code: string;
  name: string;
  floors: number | null;
  unitCount: number;
};
export type DeliveryBatch = z.infer<typeof deliveryBatch>;
export type WarrantyRule = z.infer<typeof warrantyRule>;
/** One milestone of a project: its kind and the day it was reached (`null`: not recorded). */
export type ProjectMilestoneItem = z.infer<typeof projectMilestone>;

/** Request bodies as the client sends them (zod input types; the building and batch bodies live in the routes). */
export type CreateProjectBody = z.input<typeof createProjectBody>;
export type UpdateProjectBody = z.input<typeof updateProjectBody>;
export type UpdateUnitBody = z.input<typeof updateUnitBody>;
export type UpsertWarrantyRuleBody = z.input<typeof upsertWarrantyRuleBody>;
export type CreateBuildingBody = { phase?: string; code: string; name: string; floors?: number | null };
export type DeliveryBatchBody = {
  name: string;
  plannedDate?: string | null;
  actualDate?: string | null;
  areaReportDate?: string | null;
};
export type ProductType = z.infer<typeof productType>;
export type UpsertProductTypeBody = z.input<typeof upsertProductTypeBody>;

export const propertyKeys = {
  all: ['property'] as const,
  projectLists: () => [...propertyKeys.all, 'projects'] as const,
  projects: (q: string) => [...propertyKeys.projectLists(), q] as const,
  project: (id: string) => [...propertyKeys.all, 'project', id] as const,
  buildings: (projectId: string) => [...propertyKeys.all, 'buildings', projectId] as const,
  allUnits: () => [...propertyKeys.all, 'units'] as const,
  units: (buildingId: string) => [...propertyKeys.allUnits(), buildingId] as const,
  allWarranty: () => [...propertyKeys.all, 'warranty'] as const,
  warranty: (unitId: string) => [...propertyKeys.allWarranty(), unitId] as const,
  productTypes: (projectId: string) => [...propertyKeys.all, 'product-types', projectId] as const,
  batches: (projectId: string) => [...propertyKeys.all, 'batches', projectId] as const,
  milestones: (projectId: string) => [...propertyKeys.all, 'milestones', projectId] as const,
  warrantyRules: (projectId: string) => [...propertyKeys.all, 'warranty-rules', projectId] as const,
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

export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateProjectBody) => api.post<Project>('/api/projects', body),
    // a project is also a node of the org tree
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: propertyKeys.projectLists() }),
        qc.invalidateQueries({ queryKey: orgKeys.all }),
      ]),
  });
}

export function useUpdateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateProjectBody & { id: string }) =>
      api.patch<Project>(`/api/projects/${id}`, body),
    onSuccess: (p) => qc.setQueryData(propertyKeys.project(p.id), p),
    // refetch on failure too: after a 409 the form must carry the stored version
    onSettled: (_data, _error, { id }) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: propertyKeys.project(id) }),
        qc.invalidateQueries({ queryKey: propertyKeys.projectLists() }),
      ]),
  });
}

/** The project's product types, active and not, in their order. */
export const useProductTypes = (projectId: string) =>
  useQuery({
    queryKey: propertyKeys.productTypes(projectId),
    queryFn: () => api.get<{ items: ProductType[] }>(`/api/projects/${projectId}/product-types`),
  });

export function useUpsertProductType(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ code, ...body }: UpsertProductTypeBody & { code: string }) =>
      api.put<ProductType>(`/api/projects/${projectId}/product-types/${encodeURIComponent(code)}`, body),
    // the project's `productTypes` (its active codes) changes with the list
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: propertyKeys.productTypes(projectId) }),
        qc.invalidateQueries({ queryKey: propertyKeys.project(projectId) }),
      ]),
  });
}

export const useBuildings = (projectId: string) =>
  useQuery({
    queryKey: propertyKeys.buildings(projectId),
    queryFn: () => api.get<{ items: Building[] }>(`/api/projects/${projectId}/buildings`),
  });

export function useCreateBuilding(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBuildingBody) => api.post<Building>(`/api/projects/${projectId}/buildings`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: propertyKeys.buildings(projectId) }),
  });
}

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

export function useUpdateUnit() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateUnitBody & { id: string }) => api.patch<Unit>(`/api/units/${id}`, body),
    onSuccess: (u) =>
      qc.setQueryData<Unit[]>(propertyKeys.units(u.buildingId), (list) => list?.map((x) => (x.id === u.id ? u : x))),
    onSettled: (_data, _error, vars) =>
      Promise.all([
        qc.invalidateQueries({ queryKey: propertyKeys.allUnits() }),
        qc.invalidateQueries({ queryKey: propertyKeys.warranty(vars.id) }),
      ]),
  });
}

export const useUnitWarranty = (unitId: string | null) =>
  useQuery({
    queryKey: propertyKeys.warranty(unitId ?? 'none'),
    enabled: Boolean(unitId),
    queryFn: () => api.get<UnitWarranty>(`/api/units/${unitId}/warranty`),
  });

/**
 * Unit codes → ids within one project. A code ending in `*` takes every unit under that prefix (e.g. `1-2-*`);
 * others must match exactly. Codes that match nothing come back in `missing`.
 */
export async function resolveUnitCodes(
  projectId: string,
  codes: string[],
): Promise<{ ids: string[]; missing: string[] }> {
  const ids = new Set<string>();
  const missing: string[] = [];
  const resolve = async (code: string) => {
    const prefix = code.endsWith('*') ? code.slice(0, -1) : code;
    const found: Unit[] = [];
    let cursor: string | undefined;
    do {
      const page = await api.get<Page<Unit>>('/api/units', { projectId, code: prefix, cursor, limit: 200 });
      found.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      // an exact code sorts first among its prefix matches: one page is enough
    } while (cursor && code.endsWith('*') && found.length < 2000);
    const hits = code.endsWith('*') ? found : found.filter((u) => u.code === code);
    if (hits.length === 0) missing.push(code);
    for (const u of hits) ids.add(u.id);
  };
  for (let i = 0; i < codes.length; i += 6) await Promise.all(codes.slice(i, i + 6).map(resolve));
  return { ids: [...ids], missing };
}

export const useDeliveryBatches = (projectId: string) =>
  useQuery({
    queryKey: propertyKeys.batches(projectId),
    queryFn: () => api.get<{ items: DeliveryBatch[] }>(`/api/projects/${projectId}/delivery-batches`),
  });

export function useCreateDeliveryBatch(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DeliveryBatchBody) =>
      api.post<DeliveryBatch>(`/api/projects/${projectId}/delivery-batches`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: propertyKeys.batches(projectId) }),
  });
}

/** A batch edit or assignment can deliver units (status, delivery date), so units and warranties refetch too. */
function useBatchSettled(projectId: string) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: propertyKeys.batches(projectId) }),
      qc.invalidateQueries({ queryKey: propertyKeys.allUnits() }),
      qc.invalidateQueries({ queryKey: propertyKeys.allWarranty() }),
    ]);
}

export function useUpdateDeliveryBatch(projectId: string) {
  const onSettled = useBatchSettled(projectId);
  return useMutation({
    // overrideReason: a CR manager delivers despite open blocking acceptance findings (audited)
    mutationFn: ({
      id,
      ...body
    }: Partial<DeliveryBatchBody> & { id: string; version: number; overrideReason?: string }) =>
      api.patch<{ ok: true }>(`/api/delivery-batches/${id}`, body),
    onSettled,
  });
}

export function useAssignUnitsToBatch(projectId: string) {
  const onSettled = useBatchSettled(projectId);
  return useMutation({
    mutationFn: ({ id, unitIds }: { id: string; unitIds: string[] }) =>
      api.post<{ assigned: number }>(`/api/delivery-batches/${id}/units`, { unitIds }),
    onSettled,
  });
}

export const useProjectMilestones = (projectId: string) =>
  useQuery({
    queryKey: propertyKeys.milestones(projectId),
    queryFn: () => api.get<{ items: ProjectMilestoneItem[] }>(`/api/projects/${projectId}/milestones`),
  });

/** Sets (a `YYYY-MM-DD` day) or clears (`null`) one milestone; the answer is the project's whole list. */
export function useSetProjectMilestone(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, date }: { kind: ProjectMilestone; date: string | null }) =>
      api.put<{ items: ProjectMilestoneItem[] }>(`/api/projects/${projectId}/milestones/${kind}`, { date }),
    onSuccess: (list) => {
      qc.setQueryData(propertyKeys.milestones(projectId), list);
      return qc.invalidateQueries({ queryKey: propertyKeys.milestones(projectId) });
    },
  });
}

export const useWarrantyRules = (projectId: string) =>
  useQuery({
    queryKey: propertyKeys.warrantyRules(projectId),
    queryFn: () => api.get<{ items: WarrantyRule[] }>('/api/warranty-rules', { projectId }),
  });

export function useUpsertWarrantyRule(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpsertWarrantyRuleBody) => api.put<WarrantyRule>('/api/warranty-rules', body),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: propertyKeys.warrantyRules(projectId) }),
        qc.invalidateQueries({ queryKey: propertyKeys.allWarranty() }),
      ]),
  });
}
