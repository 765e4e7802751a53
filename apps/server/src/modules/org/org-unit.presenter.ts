import type { DepartmentKind, OrgUnit, OrgUnitType } from '@anju/contracts';
import type { OrgUnitRow } from './org.tables.js';

export const presentOrgUnit = (row: OrgUnitRow): OrgUnit => ({
  id: row.id,
  parentId: row.parentId,
  type: row.type as OrgUnitType,
  departmentKind: (row.departmentKind as DepartmentKind | null) ?? null,
  name: row.name,
  code: row.code,
  depth: row.depth,
  active: row.active,
  version: row.version,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
