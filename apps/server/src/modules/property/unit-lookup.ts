import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import { buildings, deliveryBatches, projects, units } from './property.tables.js';

export type UnitRef = {
  id: string;
  code: string;
  projectId: string;
  buildingId: string;
  projectName: string;
  /** Org path of the unit's project: relations to the unit are visible under it. */
  projectPath: string;
  deliveredOn: string | null;
  status: string;
  deliveryBatchId: string | null;
};

const columns = {
  id: units.id,
  code: units.code,
  projectId: units.projectId,
  buildingId: units.buildingId,
  projectName: orgUnits.name,
  projectPath: orgUnits.path,
  deliveredOn: units.deliveredOn,
  status: units.status,
  deliveryBatchId: units.deliveryBatchId,
};

/** The read-only view of units other modules use (customers, tickets); they never query property tables themselves. */
export class UnitLookup {
  constructor(private readonly db: Executor) {}

  byIds(ids: string[]): Promise<UnitRef[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select(columns)
      .from(units)
      .innerJoin(orgUnits, eq(units.projectId, orgUnits.id))
      .where(inArray(units.id, [...new Set(ids)]));
  }

  async byIdInScope(id: string, scopePath: string): Promise<UnitRef | null> {
    const [row] = await this.db
      .select(columns)
      .from(units)
      .innerJoin(orgUnits, eq(units.projectId, orgUnits.id))
      .where(and(eq(units.id, id), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return row ?? null;
  }

  /** Units with this code in the caller's scope (the same code can exist in several projects). */
  byCodeInScope(code: string, scopePath: string, limit = 20): Promise<UnitRef[]> {
    return this.db
      .select(columns)
      .from(units)
      .innerJoin(orgUnits, eq(units.projectId, orgUnits.id))
      .where(and(eq(units.code, code), withinScope(orgUnits.path, scopePath)))
      .limit(limit);
  }

  /** A unit by its project's code and its own code, among the projects in scope (roster imports). */
  async byProjectCodeInScope(projectCode: string, code: string, scopePath: string): Promise<UnitRef | null> {
    const [row] = await this.db
      .select(columns)
      .from(units)
      .innerJoin(orgUnits, eq(units.projectId, orgUnits.id))
      .where(and(eq(orgUnits.code, projectCode), eq(units.code, code), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return row ?? null;
  }

  /** A delivery batch by its project's code and its name, among the projects in scope (history imports). */
  async batchByName(projectCode: string, name: string, scopePath: string) {
    const [row] = await this.db
      .select({ id: deliveryBatches.id, projectId: deliveryBatches.projectId, projectPath: orgUnits.path })
      .from(deliveryBatches)
      .innerJoin(orgUnits, eq(deliveryBatches.projectId, orgUnits.id))
      .where(and(eq(orgUnits.code, projectCode), eq(deliveryBatches.name, name), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return row ?? null;
  }

  /** Addresses of projects by id (for people who work on their units without seeing the property registry). */
  async projectAddresses(projectIds: string[]): Promise<Map<string, string | null>> {
    if (projectIds.length === 0) return new Map();
    const rows = await this.db
      .select({ id: projects.orgUnitId, address: projects.address })
      .from(projects)
      .where(inArray(projects.orgUnitId, [...new Set(projectIds)]));
    return new Map(rows.map((r) => [r.id, r.address]));
  }

  /** Buildings by id: their project, code and name (quality's cluster board names the building). */
  buildings(ids: string[]) {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select({ id: buildings.id, projectId: buildings.projectId, code: buildings.code, name: buildings.name })
      .from(buildings)
      .where(inArray(buildings.id, [...new Set(ids)]));
  }

  /** A project's buildings in code order (the cluster board's map). */
  buildingsOfProject(projectId: string) {
    return this.db
      .select({ id: buildings.id, projectId: buildings.projectId, code: buildings.code, name: buildings.name })
      .from(buildings)
      .where(eq(buildings.projectId, projectId))
      .orderBy(buildings.code);
  }

  async byProjectAndCode(projectId: string, code: string): Promise<UnitRef | null> {
    const [row] = await this.db
      .select(columns)
      .from(units)
      .innerJoin(orgUnits, eq(units.projectId, orgUnits.id))
      .where(and(eq(units.projectId, projectId), eq(units.code, code)))
      .limit(1);
    return row ?? null;
  }
}
