import { z } from 'zod';
import { kpiPeriod } from './analytics.js';
import { isoDateTime } from './common.js';

/**
 * Supplier and contractor scorecards and design feedback of the quality module (imported as
 * '@anju/contracts/scorecards'). Every figure is counted from repair items (docs/quality.md, "Scorecards").
 */

const category = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);

export const scorecardQuery = z.object({
  /** `2026-11` a month, `2026-Q4` a quarter, `2026` a year. */
  period: kpiPeriod,
  projectId: z.uuid().optional(),
  category: category.optional(),
});
export type ScorecardQuery = z.infer<typeof scorecardQuery>;

/** The figures of one cell (a supplier, or a supplier × category × project × batch). Null: no data. */
export const scorecardFigures = z.object({
  repairs: z.number().int(),
  /** Delivered units the repairs are divided by (the batch's; a supplier's total: its projects'). */
  deliveredUnits: z.number().int(),
  per100Units: z.number().nullable(),
  repeats: z.number().int(),
  repeatShare: z.number().nullable(),
  fixed: z.number().int(),
  avgHoursToFix: z.number().nullable(),
  p90HoursToFix: z.number().nullable(),
  callbacks: z.number().int(),
  satisfied: z.number().int(),
  satisfaction: z.number().nullable(),
  /** Repairs with a root cause recorded, and the shares of material and workmanship among them. */
  rootCaused: z.number().int(),
  materialShare: z.number().nullable(),
  workmanshipShare: z.number().nullable(),
});
export type ScorecardFigures = z.infer<typeof scorecardFigures>;

export const TRENDS = ['better', 'worse', 'same'] as const;

export const supplierScorecardRow = scorecardFigures.extend({
  supplierId: z.uuid(),
  supplierName: z.string(),
  supplierCode: z.string().nullable(),
  watched: z.boolean(),
  /** 1 = fewest repairs per 100 delivered units; suppliers without delivered units are ranked last; null: no repairs. */
  rank: z.number().int().nullable(),
  previousPer100Units: z.number().nullable(),
  previousRank: z.number().int().nullable(),
  /** Repairs per 100 delivered units against the previous period of the same length (null: no data there). */
  trend: z.enum(TRENDS).nullable(),
});
export type SupplierScorecardRow = z.infer<typeof supplierScorecardRow>;

export const supplierScorecardList = z.object({
  period: z.string(),
  previousPeriod: z.string(),
  items: z.array(supplierScorecardRow),
});

export const scorecardCell = scorecardFigures.extend({
  category: z.string().nullable(),
  projectId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  batchId: z.uuid().nullable(),
  batchName: z.string().nullable(),
});

export const supplierScorecard = z.object({
  period: z.string(),
  supplier: supplierScorecardRow,
  cells: z.array(scorecardCell),
  /** The twelve months that end with the period's last month, oldest first. */
  months: z.array(
    z.object({
      month: z.string(),
      repairs: z.number().int(),
      repeats: z.number().int(),
      satisfaction: z.number().nullable(),
      avgHoursToFix: z.number().nullable(),
    }),
  ),
  watch: z.object({ reason: z.string(), since: isoDateTime, byName: z.string().nullable() }).nullable(),
});
export type SupplierScorecard = z.infer<typeof supplierScorecard>;

export const supplierParams = z.object({ supplierId: z.uuid() });

/** Put a supplier on the watch list (a reason) or take it off (`watched: false`). */
export const setSupplierWatchBody = z.discriminatedUnion('watched', [
  z.object({ watched: z.literal(true), reason: z.string().trim().min(1).max(500) }),
  z.object({ watched: z.literal(false) }),
]);

export const watchedSupplierList = z.object({
  items: z.array(z.object({ supplierId: z.uuid(), supplierName: z.string(), reason: z.string(), since: isoDateTime })),
});

export const designFeedbackQuery = z.object({
  period: kpiPeriod,
  projectId: z.uuid().optional(),
});

/** Design-caused repairs of one product type × layout × part (room and defect category) in one project. */
export const designFeedbackRow = z.object({
  projectId: z.uuid(),
  projectName: z.string(),
  productType: z.string().nullable(),
  layout: z.string().nullable(),
  room: z.string().nullable(),
  category: z.string().nullable(),
  repairs: z.number().int(),
  households: z.number().int(),
  drawingMismatches: z.number().int(),
});

export const designFeedback = z.object({
  period: z.string(),
  /** Repair items reported in the period, those caused by design, and those flagged 图纸不符 (K11's flag). */
  totals: z.object({
    repairs: z.number().int(),
    designRepairs: z.number().int(),
    drawingMismatches: z.number().int(),
    designShare: z.number().nullable(),
  }),
  rows: z.array(designFeedbackRow),
  /** The same rows summed across projects: product type × layout × part. */
  acrossProjects: z.array(designFeedbackRow.omit({ projectId: true, projectName: true })),
});
export type DesignFeedback = z.infer<typeof designFeedback>;
