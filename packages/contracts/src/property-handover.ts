import { z } from 'zod';
import { isoDateTime } from './common.js';

/** What a batch hands over to the property company (移交物业). */
export const PROPERTY_HANDOVER_ITEMS = [
  'keys',
  'access_cards',
  'as_built_drawings',
  'equipment_manuals',
  'warranty_documents',
  'spare_parts',
  'facility_register',
  'meter_readings',
  'open_defects_list',
] as const;
export type PropertyHandoverItem = (typeof PROPERTY_HANDOVER_ITEMS)[number];

export const recordPropertyHandoverBody = z.object({
  handedOverOn: z.iso.date(),
  items: z
    .array(
      z.object({
        code: z.enum(PROPERTY_HANDOVER_ITEMS),
        quantity: z.number().int().min(0).max(100_000),
        note: z.string().trim().max(200).nullable().optional(),
      }),
    )
    .min(1)
    .max(PROPERTY_HANDOVER_ITEMS.length)
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, 'each item once'),
  note: z.string().trim().max(1000).nullable().optional(),
  /** The version edited; omit for the first record. A rated hand-over can no longer change. */
  version: z.number().int().positive().optional(),
});
export type RecordPropertyHandoverBody = z.infer<typeof recordPropertyHandoverBody>;

/** The property company's verdict (KPI K10): satisfied with the timeliness? with the completeness? */
export const ratePropertyHandoverBody = z.object({
  timely: z.boolean(),
  complete: z.boolean(),
  comment: z.string().trim().max(500).nullable().optional(),
  version: z.number().int().positive(),
});

export const propertyHandover = z.object({
  batchId: z.uuid(),
  projectId: z.uuid(),
  handedOverOn: z.iso.date(),
  items: recordPropertyHandoverBody.shape.items,
  note: z.string().nullable(),
  recordedAt: isoDateTime,
  recordedByName: z.string().nullable(),
  timely: z.boolean().nullable(),
  complete: z.boolean().nullable(),
  ratingComment: z.string().nullable(),
  ratedAt: isoDateTime.nullable(),
  ratedByName: z.string().nullable(),
  /** Rated satisfied on both counts (what K10 counts), null until rated. */
  satisfied: z.boolean().nullable(),
  version: z.number().int(),
});
export type PropertyHandover = z.infer<typeof propertyHandover>;

/** The batch's hand-over, or null when none is recorded yet. */
export const propertyHandoverResult = z.object({ handover: propertyHandover.nullable() });
