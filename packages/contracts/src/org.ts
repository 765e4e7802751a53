import { z } from 'zod';
import { isoDateTime, page, version } from './common.js';

export const ORG_UNIT_TYPES = ['group', 'region', 'city_company', 'project', 'department', 'contractor'] as const;
export const orgUnitType = z.enum(ORG_UNIT_TYPES);
export type OrgUnitType = z.infer<typeof orgUnitType>;

export const DEPARTMENT_KINDS = [
  'customer_relations',
  'engineering',
  'design',
  'project_management',
  'project_affairs',
  'marketing_sales',
  'procurement',
  'property_company',
] as const;
export const departmentKind = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof departmentKind>;

/** Which node types may sit under which parent type. */
export const ALLOWED_PARENTS: Record<OrgUnitType, readonly (OrgUnitType | null)[]> = {
  group: [null],
  region: ['group'],
  city_company: ['region', 'group'],
  project: ['city_company'],
  department: ['city_company', 'group'],
  contractor: ['city_company', 'group'],
};

const name = z.string().trim().min(1).max(60);
const code = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - and _ only, at most 32');

export const orgUnit = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    type: orgUnitType,
    departmentKind: departmentKind.nullable(),
    name: z.string(),
    code: z.string(),
    depth: z.number().int(),
    active: z.boolean(),
    version,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'OrgUnit' });
export type OrgUnit = z.infer<typeof orgUnit>;

export const listOrgUnitsQuery = z.object({
  type: orgUnitType.optional(),
  parentId: z.uuid().optional(),
  q: z.string().trim().max(60).optional(),
  includeInactive: z.stringbool().default(false),
});
/** The whole visible subtree is bounded by the org's size (hundreds of nodes), so it is returned at once. */
export const orgUnitList = z.object({ items: z.array(orgUnit) });

export const createOrgUnitBody = z
  .object({
    parentId: z.uuid(),
    type: orgUnitType.exclude(['group']),
    departmentKind: departmentKind.optional(),
    name,
    code,
  })
  .refine((v) => (v.type === 'department') === (v.departmentKind !== undefined), {
    message: 'departmentKind is required for departments and only for them',
    path: ['departmentKind'],
  });
export type CreateOrgUnitBody = z.infer<typeof createOrgUnitBody>;

export const updateOrgUnitBody = z.object({
  version,
  name: name.optional(),
  code: code.optional(),
  parentId: z.uuid().optional(),
  active: z.boolean().optional(),
});
export type UpdateOrgUnitBody = z.infer<typeof updateOrgUnitBody>;

export const orgUnitPage = page(orgUnit);
