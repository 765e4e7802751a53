import { and, asc, eq, gt, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { likePrefix, withinScope } from '../../platform/rbac/scope.js';
import { orgUnits } from '../org/org.tables.js';
import {
  buildings,
  deliveryBatches,
  type ProductTypeRow,
  type ProjectRow,
  productTypes,
  projects,
  type UnitRow,
  units,
  type WarrantyRuleRow,
  warrantyRules,
} from './property.tables.js';

const company = alias(orgUnits, 'company');
/** Correlated counts spelled out in SQL: inside a select list Drizzle leaves columns unqualified, which would bind to the inner table. */
const unitCount = sql<number>`(select count(*)::int from units u where u.project_id = projects.org_unit_id)`;
/** The project's active product type codes in their order (the project's `productTypes`). */
const activeTypes = sql<string[]>`array(select pt.code from product_types pt
  where pt.project_id = projects.org_unit_id and pt.active order by pt.sort, pt.code)`;

export type ProjectView = ProjectRow & {
  productTypes: string[];
  name: string;
  code: string;
  path: string;
  cityCompanyId: string;
  cityCompanyName: string;
  unitCount: number;
};
export type UnitView = UnitRow & { projectName: string; buildingCode: string; projectPath: string };

const flattenProject = ({
  project,
  ...rest
}: { project: ProjectRow } & Omit<ProjectView, keyof ProjectRow>): ProjectView => ({
  ...project,
  ...rest,
});

/** An imported unit's fields as its row has them (`unit.importer.ts`). */
export type UnitUpsert = {
  code: string;
  entrance: string;
  floor: number;
  room: string;
  area: number | null;
  layout: string | null;
  productType: string | null;
  /** 查丈面积: undefined when the file has no such value (an update keeps the unit's). */
  surveyedArea?: number | null;
  finish: 'bare' | 'finished';
  status: 'unsold' | 'sold' | 'delivered' | 'moved_in';
  deliveredOn: string | null;
};

export class PropertyRepository {
  constructor(private readonly db: Executor) {}

  private projectsQuery() {
    return this.db
      .select({
        project: projects,
        name: orgUnits.name,
        code: orgUnits.code,
        path: orgUnits.path,
        cityCompanyId: company.id,
        cityCompanyName: company.name,
        unitCount,
        productTypes: activeTypes,
      })
      .from(projects)
      .innerJoin(orgUnits, eq(orgUnits.id, projects.orgUnitId))
      .innerJoin(company, eq(company.id, orgUnits.parentId));
  }

  async listProjects(f: {
    scopePath: string;
    cityCompanyId?: string;
    q?: string;
    afterCode?: string;
    limit: number;
  }): Promise<ProjectView[]> {
    const rows = await this.projectsQuery()
      .where(
        and(
          withinScope(orgUnits.path, f.scopePath),
          f.cityCompanyId ? eq(company.id, f.cityCompanyId) : undefined,
          f.q ? or(ilike(orgUnits.name, `%${f.q}%`), ilike(orgUnits.code, `%${f.q}%`)) : undefined,
          f.afterCode ? gt(orgUnits.code, f.afterCode) : undefined,
        ),
      )
      .orderBy(asc(orgUnits.code))
      .limit(f.limit + 1);
    return rows.map(flattenProject);
  }

  async findProject(id: string, scopePath: string): Promise<ProjectView | null> {
    const [row] = await this.projectsQuery()
      .where(and(eq(projects.orgUnitId, id), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return row ? flattenProject(row) : null;
  }

  async insertProject(row: typeof projects.$inferInsert) {
    await this.db.insert(projects).values(row);
  }

  async updateProject(id: string, version: number, patch: Partial<typeof projects.$inferInsert>, at: Date) {
    const [row] = await this.db
      .update(projects)
      .set({ ...patch, version: sql`${projects.version} + 1`, updatedAt: at })
      .where(and(eq(projects.orgUnitId, id), eq(projects.version, version)))
      .returning();
    return row ?? null;
  }

  /** A project's product types, in their order. */
  listProductTypes(projectId: string) {
    return this.db
      .select()
      .from(productTypes)
      .where(eq(productTypes.projectId, projectId))
      .orderBy(asc(productTypes.sort), asc(productTypes.code))
      .limit(500);
  }

  async findProductType(projectId: string, code: string) {
    const [row] = await this.db
      .select()
      .from(productTypes)
      .where(and(eq(productTypes.projectId, projectId), eq(productTypes.code, code)));
    return row ?? null;
  }

  async upsertProductType(row: typeof productTypes.$inferInsert & { updatedAt: Date }) {
    const [saved] = await this.db
      .insert(productTypes)
      .values(row)
      .onConflictDoUpdate({
        target: [productTypes.projectId, productTypes.code],
        set: { name: row.name, sort: row.sort, active: row.active, updatedAt: row.updatedAt },
      })
      .returning();
    return saved as ProductTypeRow;
  }

  /**
   * Makes `codes` the project's active product types in this order: new codes are added (named by their code),
   * listed ones become active with their position as sort, the others inactive (units keep them).
   */
  async setActiveProductTypes(projectId: string, codes: string[], at: Date) {
    await this.db
      .update(productTypes)
      .set({ active: false, updatedAt: at })
      .where(and(eq(productTypes.projectId, projectId), eq(productTypes.active, true)));
    if (codes.length === 0) return;
    await this.db
      .insert(productTypes)
      .values(codes.map((code, i) => ({ projectId, code, name: code, sort: i + 1, active: true, updatedAt: at })))
      .onConflictDoUpdate({
        target: [productTypes.projectId, productTypes.code],
        set: { active: true, sort: sql`excluded.sort`, updatedAt: at },
      });
  }

  /** Which of these codes are active product types of the project. */
  async activeProductTypes(projectId: string, codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.db
      .select({ code: productTypes.code })
      .from(productTypes)
      .where(
        and(eq(productTypes.projectId, projectId), inArray(productTypes.code, codes), eq(productTypes.active, true)),
      );
    return new Set(rows.map((r) => r.code));
  }

  listBuildings(projectId: string) {
    return this.db
      .select({
        id: buildings.id,
        projectId: buildings.projectId,
        phase: buildings.phase,
        code: buildings.code,
        name: buildings.name,
        floors: buildings.floors,
        unitCount: sql<number>`(select count(*)::int from units u where u.building_id = buildings.id)`,
      })
      .from(buildings)
      .where(eq(buildings.projectId, projectId))
      .orderBy(asc(buildings.phase), sql`length(${buildings.code})`, asc(buildings.code))
      .limit(1000);
  }

  async insertBuilding(row: typeof buildings.$inferInsert) {
    const [created] = await this.db.insert(buildings).values(row).returning();
    return created;
  }

  private unitsQuery() {
    return this.db
      .select({ unit: units, projectName: orgUnits.name, projectPath: orgUnits.path, buildingCode: buildings.code })
      .from(units)
      .innerJoin(orgUnits, eq(orgUnits.id, units.projectId))
      .innerJoin(buildings, eq(buildings.id, units.buildingId));
  }

  async listUnits(f: {
    scopePath: string;
    projectId?: string;
    buildingId?: string;
    status?: string;
    code?: string;
    after?: { code: string; id: string };
    limit: number;
  }): Promise<UnitView[]> {
    const rows = await this.unitsQuery()
      .where(
        and(
          withinScope(orgUnits.path, f.scopePath),
          f.projectId ? eq(units.projectId, f.projectId) : undefined,
          f.buildingId ? eq(units.buildingId, f.buildingId) : undefined,
          f.status ? eq(units.status, f.status) : undefined,
          f.code ? sql`${units.code} like ${likePrefix(f.code)}` : undefined,
          f.after
            ? or(gt(units.code, f.after.code), and(eq(units.code, f.after.code), gt(units.id, f.after.id)))
            : undefined,
        ),
      )
      .orderBy(asc(units.code), asc(units.id))
      .limit(f.limit + 1);
    return rows.map((r) => ({
      ...r.unit,
      projectName: r.projectName,
      projectPath: r.projectPath,
      buildingCode: r.buildingCode,
    }));
  }

  async findUnit(id: string, scopePath: string): Promise<UnitView | null> {
    const [r] = await this.unitsQuery()
      .where(and(eq(units.id, id), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return r
      ? { ...r.unit, projectName: r.projectName, projectPath: r.projectPath, buildingCode: r.buildingCode }
      : null;
  }

  async updateUnit(id: string, version: number, patch: Partial<typeof units.$inferInsert>, at: Date) {
    const [row] = await this.db
      .update(units)
      .set({ ...patch, version: sql`${units.version} + 1`, updatedAt: at })
      .where(and(eq(units.id, id), eq(units.version, version)))
      .returning();
    return row ?? null;
  }

  /** Company-wide defaults and, when asked, one project's overrides. */
  warrantyRules(projectId: string | null): Promise<WarrantyRuleRow[]> {
    return this.db
      .select()
      .from(warrantyRules)
      .where(
        projectId
          ? or(isNull(warrantyRules.projectId), eq(warrantyRules.projectId, projectId))
          : isNull(warrantyRules.projectId),
      );
  }

  async upsertWarrantyRule(
    row: {
      projectId: string | null;
      partCategory: string;
      periodKind: string;
      periodValue: number;
      note: string | null;
    },
    at: Date,
  ) {
    const existing = (await this.warrantyRules(row.projectId)).find(
      (r) => r.partCategory === row.partCategory && r.projectId === row.projectId,
    );
    if (existing) {
      const [updated] = await this.db
        .update(warrantyRules)
        .set({
          periodKind: row.periodKind,
          periodValue: row.periodValue,
          note: row.note,
          version: sql`${warrantyRules.version} + 1`,
          updatedAt: at,
        })
        .where(eq(warrantyRules.id, existing.id))
        .returning();
      return { before: existing, after: updated as WarrantyRuleRow };
    }
    const [created] = await this.db
      .insert(warrantyRules)
      .values({ ...row, createdAt: at, updatedAt: at })
      .returning();
    return { before: null, after: created as WarrantyRuleRow };
  }

  /** An import's project, by its code, within the importer's subtree. */
  async projectByCodeInScope(code: string, scopePath: string): Promise<{ id: string } | undefined> {
    const [project] = await this.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .innerJoin(projects, eq(projects.orgUnitId, orgUnits.id))
      .where(and(eq(orgUnits.code, code), eq(orgUnits.type, 'project'), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return project;
  }

  /** A building created on first sight (its phase kept when the row gives none). */
  async upsertBuilding(projectId: string, b: { phase: string; code: string; name: string }) {
    const [building] = await queryRows<{ id: string }>(
      this.db,
      sql`insert into buildings (project_id, phase, code, name)
        values (${projectId}, ${b.phase}, ${b.code}, ${b.name})
        on conflict (project_id, code) do update set phase = case when excluded.phase = '' then buildings.phase else excluded.phase end
        returning id`,
    );
    return building;
  }

  /** A unit inserted or updated by its code; true when it is new. */
  async upsertUnit(projectId: string, buildingId: string | undefined, u: UnitUpsert): Promise<boolean> {
    const [unit] = await queryRows<{ inserted: boolean }>(
      this.db,
      sql`insert into units (project_id, building_id, code, entrance, floor, room, area, surveyed_area, layout, product_type, finish, status, delivered_on)
        values (${projectId}, ${buildingId}, ${u.code}, ${u.entrance}, ${u.floor}, ${u.room}, ${u.area}, ${u.surveyedArea ?? null},
                ${u.layout}, ${u.productType}, ${u.finish}, ${u.status}, ${u.deliveredOn})
        on conflict (project_id, code) do update set
          area = excluded.area, layout = excluded.layout, product_type = excluded.product_type, finish = excluded.finish,
          surveyed_area = ${u.surveyedArea === undefined ? sql`units.surveyed_area` : sql`excluded.surveyed_area`},
          status = excluded.status, delivered_on = excluded.delivered_on, floor = excluded.floor,
          version = units.version + 1, updated_at = now()
        returning (xmax = 0) as inserted`,
    );
    return unit?.inserted === true;
  }
}

export class DeliveryBatchRepository {
  constructor(private readonly db: Executor) {}

  list(projectId: string) {
    return this.db
      .select({
        batch: deliveryBatches,
        unitCount: sql<number>`(select count(*)::int from units u where u.delivery_batch_id = delivery_batches.id)`,
      })
      .from(deliveryBatches)
      .where(eq(deliveryBatches.projectId, projectId))
      .orderBy(asc(deliveryBatches.plannedDate))
      .limit(200);
  }

  async find(id: string) {
    const [row] = await this.db.select().from(deliveryBatches).where(eq(deliveryBatches.id, id)).limit(1);
    return row ?? null;
  }

  async insert(row: typeof deliveryBatches.$inferInsert) {
    const [created] = await this.db.insert(deliveryBatches).values(row).returning();
    return created as typeof deliveryBatches.$inferSelect;
  }

  async update(id: string, version: number, patch: Partial<typeof deliveryBatches.$inferInsert>, at: Date) {
    const [row] = await this.db
      .update(deliveryBatches)
      .set({ ...patch, version: sql`${deliveryBatches.version} + 1`, updatedAt: at })
      .where(and(eq(deliveryBatches.id, id), eq(deliveryBatches.version, version)))
      .returning();
    return row ?? null;
  }

  /**
   * Puts units of the batch's project into it; with an actual delivery date, sold units become delivered on it.
   * Units of other projects are ignored. Returns how many units changed.
   */
  async assignUnits(batch: typeof deliveryBatches.$inferSelect, unitIds: string[], at: Date) {
    if (unitIds.length === 0) return 0;
    const rows = await this.db
      .update(units)
      .set({
        deliveryBatchId: batch.id,
        ...(batch.actualDate
          ? {
              deliveredOn: batch.actualDate,
              status: sql`case when ${units.status} = 'sold' then 'delivered' else ${units.status} end`,
            }
          : {}),
        version: sql`${units.version} + 1`,
        updatedAt: at,
      })
      .where(and(eq(units.projectId, batch.projectId), inArray(units.id, unitIds)))
      .returning({ id: units.id });
    return rows.length;
  }

  /** The batch's actual date becomes its units' delivery date; sold units become delivered. */
  /** Delivers the batch's sold units on its actual date; answers the units now delivered. */
  deliverBatch(batch: typeof deliveryBatches.$inferSelect, at: Date) {
    return this.db
      .update(units)
      .set({
        deliveredOn: batch.actualDate,
        status: sql`case when ${units.status} = 'sold' then 'delivered' else ${units.status} end`,
        version: sql`${units.version} + 1`,
        updatedAt: at,
      })
      .where(eq(units.deliveryBatchId, batch.id))
      .returning({ id: units.id, status: units.status });
  }
}
