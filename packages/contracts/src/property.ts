import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

export const FINISH_STANDARDS = ['bare', 'finished', 'mixed'] as const;
export const UNIT_FINISHES = ['bare', 'finished'] as const;
export const UNIT_STATUSES = ['unsold', 'sold', 'delivered', 'moved_in'] as const;
export const unitStatus = z.enum(UNIT_STATUSES);
export const unitFinish = z.enum(UNIT_FINISHES);

/** Part categories with a statutory minimum warranty (建设部《房屋建筑工程质量保修办法》). */
export const PART_CATEGORIES = [
  'roof_waterproofing',
  'bathroom_waterproofing',
  'external_wall_waterproofing',
  'heating',
  'cooling',
  'electrical',
  'plumbing',
  'equipment_installation',
  'decoration',
  'foundation_structure',
] as const;
export const partCategory = z.enum(PART_CATEGORIES);
export type PartCategory = z.infer<typeof partCategory>;

export const WARRANTY_PERIOD_KINDS = ['years', 'heating_seasons', 'cooling_seasons', 'design_life'] as const;
export const warrantyPeriodKind = z.enum(WARRANTY_PERIOD_KINDS);

/** The statutory minimums, used as defaults and as the floor for overrides. Design life taken as 50 years. */
export const STATUTORY_WARRANTY: Record<PartCategory, { kind: (typeof WARRANTY_PERIOD_KINDS)[number]; value: number }> =
  {
    roof_waterproofing: { kind: 'years', value: 5 },
    bathroom_waterproofing: { kind: 'years', value: 5 },
    external_wall_waterproofing: { kind: 'years', value: 5 },
    heating: { kind: 'heating_seasons', value: 2 },
    cooling: { kind: 'cooling_seasons', value: 2 },
    electrical: { kind: 'years', value: 2 },
    plumbing: { kind: 'years', value: 2 },
    equipment_installation: { kind: 'years', value: 2 },
    decoration: { kind: 'years', value: 2 },
    foundation_structure: { kind: 'design_life', value: 50 },
  };

const isoDate = z.iso.date();

export const project = z
  .object({
    id: z.uuid(),
    name: z.string(),
    code: z.string(),
    cityCompanyId: z.uuid(),
    cityCompanyName: z.string(),
    address: z.string(),
    productTypes: z.array(z.string()),
    finishStandard: z.enum(FINISH_STANDARDS),
    description: z.string().nullable(),
    unitCount: z.number().int(),
    version,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof project>;

export const listProjectsQuery = pageQuery.extend({
  cityCompanyId: z.uuid().optional(),
  q: z.string().trim().max(60).optional(),
});

const projectFields = z.object({
  name: z.string().trim().min(1).max(60),
  address: z.string().trim().max(200),
  productTypes: z.array(z.string().trim().min(1).max(20)).max(20),
  finishStandard: z.enum(FINISH_STANDARDS),
  description: z.string().trim().max(2000).nullable().optional(),
});
export const createProjectBody = projectFields.extend({
  cityCompanyId: z.uuid(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,32}$/),
  address: projectFields.shape.address.default(''),
  productTypes: projectFields.shape.productTypes.default([]),
  finishStandard: projectFields.shape.finishStandard.default('bare'),
});
/** No defaults here: a partial update never resets what it does not mention. */
export const updateProjectBody = projectFields.partial().extend({ version });

export const building = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    phase: z.string(),
    code: z.string(),
    name: z.string(),
    floors: z.number().int().nullable(),
    unitCount: z.number().int(),
  })
  .meta({ id: 'Building' });
export const buildingList = z.object({ items: z.array(building) });

export const unit = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string(),
    buildingId: z.uuid(),
    buildingCode: z.string(),
    code: z.string(),
    entrance: z.string(),
    floor: z.number().int(),
    room: z.string(),
    area: z.number().nullable(),
    layout: z.string().nullable(),
    productType: z.string().nullable(),
    /** The area the completion survey measured (查丈面积), m². */
    surveyedArea: z.number().nullable(),
    finish: unitFinish,
    status: unitStatus,
    deliveryBatchId: z.uuid().nullable(),
    deliveredOn: isoDate.nullable(),
    version,
  })
  .meta({ id: 'Unit' });
export type Unit = z.infer<typeof unit>;

/** Units of one building come back whole (a building has at most a few hundred) for the grid; else paged. */
export const listUnitsQuery = pageQuery.extend({
  projectId: z.uuid().optional(),
  buildingId: z.uuid().optional(),
  status: unitStatus.optional(),
  code: z.string().trim().max(40).optional(),
});

/** An area in m², above 0 with at most 2 decimals. */
export const area2 = z
  .number()
  .positive()
  .max(10_000)
  .refine((v) => /^\d+(\.\d{1,2})?$/.test(String(v)), { message: 'at most 2 decimals' });

/** A product type of a project (高层, 洋房, 别墅…): the controlled list units take theirs from. */
export const productType = z
  .object({ projectId: z.uuid(), code: z.string(), name: z.string(), sort: z.number().int(), active: z.boolean() })
  .meta({ id: 'ProductType' });
export type ProductType = z.infer<typeof productType>;
export const productTypeList = z.object({ items: z.array(productType) });
/** A code names the type in units and imports: no slash, at most 40 characters (the old free-text types are codes). */
export const productTypeCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[^/\\]+$/);
export const upsertProductTypeBody = z.object({
  name: z.string().trim().min(1).max(40),
  sort: z.number().int().min(0).max(9999).default(0),
  active: z.boolean().default(true),
});
export const productTypeParams = z.object({ id: z.uuid(), code: productTypeCode });

export const updateUnitBody = z.object({
  version,
  area: z.number().positive().max(10_000).nullable().optional(),
  layout: z.string().trim().max(40).nullable().optional(),
  /** One of the project's active product types (`listProductTypes`). */
  productType: z.string().trim().max(40).nullable().optional(),
  surveyedArea: area2.nullable().optional(),
  finish: unitFinish.optional(),
  status: unitStatus.optional(),
  deliveredOn: isoDate.nullable().optional(),
});

export const deliveryBatch = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    name: z.string(),
    plannedDate: isoDate.nullable(),
    actualDate: isoDate.nullable(),
    /** When the area-survey report (面积实测报告) of the batch was issued. */
    areaReportDate: isoDate.nullable(),
    unitCount: z.number().int(),
    version,
  })
  .meta({ id: 'DeliveryBatch' });

export const warrantyRule = z
  .object({
    id: z.uuid().nullable().meta({ description: 'null for a statutory default no rule overrides' }),
    projectId: z.uuid().nullable(),
    partCategory,
    periodKind: warrantyPeriodKind,
    periodValue: z.number().int(),
    note: z.string().nullable(),
    statutory: z.object({ kind: warrantyPeriodKind, value: z.number().int() }),
    version,
  })
  .meta({ id: 'WarrantyRule' });
export const warrantyRuleList = z.object({ items: z.array(warrantyRule) });
export const listWarrantyRulesQuery = z.object({ projectId: z.uuid().optional() });

export const upsertWarrantyRuleBody = z.object({
  projectId: z.uuid().nullable(),
  partCategory,
  periodKind: warrantyPeriodKind,
  periodValue: z.number().int().min(1).max(100),
  note: z.string().trim().max(200).nullable().optional(),
});

export const unitWarrantyQuery = z.object({
  on: isoDate.optional(),
  partCategory: partCategory.optional(),
});
export const unitWarrantyItem = z.object({
  partCategory,
  status: z.enum(['in_warranty', 'expired', 'unknown']),
  expiresOn: isoDate.nullable(),
  rule: z.object({ kind: warrantyPeriodKind, value: z.number().int(), source: z.enum(['project', 'default']) }),
});
export const unitWarranty = z
  .object({ unitId: z.uuid(), deliveredOn: isoDate.nullable(), on: isoDate, items: z.array(unitWarrantyItem) })
  .meta({ id: 'UnitWarranty' });
export type UnitWarranty = z.infer<typeof unitWarranty>;

/** Project milestones a journey step may hang on (Pulte's frame-completion visit: structure topped out). */
export const PROJECT_MILESTONES = ['structure_topped_out', 'completion_acceptance'] as const;
export type ProjectMilestone = (typeof PROJECT_MILESTONES)[number];
export const projectMilestone = z.object({ kind: z.enum(PROJECT_MILESTONES), date: z.iso.date().nullable() });
export const setProjectMilestoneBody = z.object({ date: z.iso.date().nullable() });

/** A property-company visit to a household (物业走访): who went, when, what the owner raised and what was done. */
export const propertyVisit = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string().nullable(),
    unitId: z.uuid(),
    unitCode: z.string(),
    customerId: z.uuid().nullable(),
    visitorUserId: z.uuid().nullable(),
    visitorName: z.string(),
    visitedOn: isoDate,
    issues: z.string(),
    measures: z.string(),
    imported: z.boolean(),
    createdAt: isoDateTime,
  })
  .meta({ id: 'PropertyVisit' });
export type PropertyVisit = z.infer<typeof propertyVisit>;

const visitFilters = {
  projectId: z.uuid().optional(),
  /** Visits of one month (China time), YYYY-MM. */
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional(),
};
export const listPropertyVisitsQuery = pageQuery.extend(visitFilters);
export const exportPropertyVisitsQuery = z.object(visitFilters);
export const recordPropertyVisitBody = z.object({
  projectId: z.uuid(),
  unitId: z.uuid(),
  /** Not in the future (China time). */
  visitedOn: isoDate,
  /** Who went, when not the signed-in user (a colleague without an account); default: the signed-in user. */
  visitorName: z.string().trim().min(1).max(40).optional(),
  issues: z.string().trim().max(2000).default(''),
  measures: z.string().trim().max(2000).default(''),
});
export type RecordPropertyVisitBody = z.infer<typeof recordPropertyVisitBody>;
