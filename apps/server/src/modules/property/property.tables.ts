import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { orgUnits } from '../org/org.tables.js';

const timestamps = {
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/** Project details; the project itself is an org node (type project), so scope follows the org tree. */
export const projects = pgTable(
  'projects',
  {
    orgUnitId: uuid('org_unit_id')
      .primaryKey()
      .references(() => orgUnits.id),
    address: text('address').notNull().default(''),
    finishStandard: text('finish_standard').notNull().default('bare'),
    description: text('description'),
    ...timestamps,
  },
  (t) => [check('projects_finish_ck', sql`${t.finishStandard} in ('bare','finished','mixed')`)],
);

/** A project's product types (高层, 洋房, 别墅…): the controlled list its units' `product_type` must come from. */
export const productTypes = pgTable(
  'product_types',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.orgUnitId),
    code: text('code').notNull(),
    name: text('name').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.code] })],
);

export const buildings = pgTable(
  'buildings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.orgUnitId),
    phase: text('phase').notNull().default(''),
    code: text('code').notNull(),
    name: text('name').notNull(),
    floors: integer('floors'),
    ...timestamps,
  },
  (t) => [uniqueIndex('buildings_project_code_uq').on(t.projectId, t.code)],
);

export const deliveryBatches = pgTable(
  'delivery_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.orgUnitId),
    name: text('name').notNull(),
    plannedDate: date('planned_date'),
    actualDate: date('actual_date'),
    /** The day the completion area survey report (竣工查丈报告) was issued (K15: ≥ 15 days before planned delivery). */
    areaReportDate: date('area_report_date'),
    ...timestamps,
  },
  (t) => [index('delivery_batches_project_idx').on(t.projectId)],
);

/** A home. `code` is building-entrance-room, e.g. 3-2-1502, unique within the project. */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.orgUnitId),
    buildingId: uuid('building_id')
      .notNull()
      .references(() => buildings.id),
    code: text('code').notNull(),
    entrance: text('entrance').notNull().default(''),
    floor: integer('floor').notNull(),
    room: text('room').notNull(),
    area: numeric('area', { precision: 10, scale: 2, mode: 'number' }),
    /** The area the completion survey measured (K15 compares it with `area`, the area of record). */
    surveyedArea: numeric('surveyed_area', { precision: 10, scale: 2, mode: 'number' }),
    layout: text('layout'),
    productType: text('product_type'),
    finish: text('finish').notNull().default('bare'),
    status: text('status').notNull().default('unsold'),
    deliveryBatchId: uuid('delivery_batch_id').references(() => deliveryBatches.id),
    deliveredOn: date('delivered_on'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('units_project_code_uq').on(t.projectId, t.code),
    // A unit's product type comes from its project's controlled list (product_types).
    foreignKey({
      name: 'units_product_type_fk',
      columns: [t.projectId, t.productType],
      foreignColumns: [productTypes.projectId, productTypes.code],
    }),
    index('units_building_idx').on(t.buildingId, t.floor, t.room),
    index('units_code_idx').using('btree', t.code.op('text_pattern_ops')),
    index('units_batch_idx').on(t.deliveryBatchId),
    index('units_delivered_idx').on(t.deliveredOn).where(sql`${t.deliveredOn} is not null`),
    check('units_finish_ck', sql`${t.finish} in ('bare','finished')`),
    check('units_status_ck', sql`${t.status} in ('unsold','sold','delivered','moved_in')`),
  ],
);

/**
 * Warranty period per part category: rows with no project are the company-wide defaults (seeded with the
 * statutory minimums); a project row overrides the default for that project.
 */
export const warrantyRules = pgTable(
  'warranty_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').references(() => projects.orgUnitId),
    partCategory: text('part_category').notNull(),
    periodKind: text('period_kind').notNull(),
    periodValue: integer('period_value').notNull(),
    note: text('note'),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('warranty_rules_scope_uq').on(
      sql`coalesce(${t.projectId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.partCategory,
    ),
    check(
      'warranty_rules_kind_ck',
      sql`${t.periodKind} in ('years','heating_seasons','cooling_seasons','design_life')`,
    ),
  ],
);

/** The dates a project reached its milestones (structure topped out, completion acceptance). */
export const projectMilestones = pgTable(
  'project_milestones',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.orgUnitId),
    kind: text('kind').notNull(),
    date: date('date').notNull(),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.kind] }),
    check('project_milestones_kind_ck', sql`${t.kind} in ('structure_topped_out','completion_acceptance')`),
  ],
);

/** A property-company visit to a household (K17): who visited, what the owner raised, what was agreed. */
export const propertyVisits = pgTable(
  'property_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.orgUnitId),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    customerId: uuid('customer_id'),
    visitorUserId: uuid('visitor_user_id'),
    visitorName: text('visitor_name').notNull(),
    visitedOn: date('visited_on').notNull(),
    issues: text('issues').notNull().default(''),
    measures: text('measures').notNull().default(''),
    orgPath: text('org_path').notNull(),
    imported: boolean('imported').notNull().default(false),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('property_visits_project_idx').on(t.projectId, t.visitedOn),
    index('property_visits_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.visitedOn),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type BuildingRow = typeof buildings.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type DeliveryBatchRow = typeof deliveryBatches.$inferSelect;
export type WarrantyRuleRow = typeof warrantyRules.$inferSelect;
export type ProductTypeRow = typeof productTypes.$inferSelect;
export type PropertyVisitRow = typeof propertyVisits.$inferSelect;
