import { z } from 'zod';
import { isoDateTime } from './common.js';

const isoDate = z.iso.date();

/** Kinds of risk outside the project's red line a buyer is told about (红线外一公里公示). */
export const DISCLOSURE_RISK_TYPES = [
  'substation',
  'high_voltage_line',
  'gas_station',
  'waste_station',
  'sewage_plant',
  'factory',
  'cemetery',
  'elevated_road',
  'railway',
  'flight_path',
  'planned_construction',
  'other',
] as const;
export type DisclosureRiskType = (typeof DISCLOSURE_RISK_TYPES)[number];

/** Where a promised amenity (school, metro, park…) stands. */
export const AMENITY_STATUSES = ['planned', 'under_construction', 'open', 'delayed', 'cancelled'] as const;
export type AmenityStatus = (typeof AMENITY_STATUSES)[number];

/** How the buyer acknowledged: at the sales office (recorded in the console) or in the portal. */
export const DISCLOSURE_CHANNELS = ['console', 'portal'] as const;

const text = (max: number) => z.string().trim().max(max);

export const disclosureRisk = z.object({
  type: z.enum(DISCLOSURE_RISK_TYPES),
  name: text(60).min(1),
  /** Distance from the red line, metres (the pack covers 1 km; a little beyond is allowed for context). */
  distanceM: z.number().int().min(0).max(3000),
  note: text(300).nullable().optional(),
});
export type DisclosureRisk = z.infer<typeof disclosureRisk>;

export const disclosureAmenity = z.object({
  name: text(60).min(1),
  promisedOn: isoDate.nullable().optional(),
  status: z.enum(AMENITY_STATUSES),
  note: text(300).nullable().optional(),
});
export type DisclosureAmenity = z.infer<typeof disclosureAmenity>;

export const upsertDisclosurePackBody = z.object({
  risks: z.array(disclosureRisk).max(50),
  amenities: z.array(disclosureAmenity).max(50),
  /** An uploaded image or PDF of the city map around the project. */
  mapFileId: z.uuid().nullable().optional(),
  note: text(1000).nullable().optional(),
  /** The version this edit was made on (optimistic lock); omit for the first publish. */
  version: z.number().int().positive().optional(),
});
export type UpsertDisclosurePackBody = z.infer<typeof upsertDisclosurePackBody>;

export const disclosurePack = z.object({
  projectId: z.uuid(),
  projectName: z.string(),
  version: z.number().int(),
  risks: z.array(disclosureRisk),
  amenities: z.array(disclosureAmenity),
  mapFileId: z.uuid().nullable(),
  note: z.string().nullable(),
  updatedAt: isoDateTime,
  updatedByName: z.string().nullable(),
  /** Buyers of the project who acknowledged this version, and the project's buyers in all. */
  acknowledged: z.number().int(),
  buyers: z.number().int(),
});
export type DisclosurePack = z.infer<typeof disclosurePack>;

export const listDisclosurePacksQuery = z.object({
  /** Packs of the projects under this org node (default: the caller's own node). */
  orgUnitId: z.uuid().optional(),
});

export const acknowledgeDisclosureBody = z.object({
  customerId: z.uuid(),
  /** The version the buyer read (a newer publish in between must be read again). */
  version: z.number().int().positive(),
});

export const disclosureAcknowledgement = z.object({
  projectId: z.uuid(),
  customerId: z.uuid(),
  version: z.number().int(),
  channel: z.enum(DISCLOSURE_CHANNELS),
  acknowledgedAt: isoDateTime,
});
export type DisclosureAcknowledgement = z.infer<typeof disclosureAcknowledgement>;

/** The portal's view: each of my projects' pack, and whether I acknowledged its current version. */
export const myDisclosure = z.object({
  items: z.array(
    disclosurePack
      .omit({ acknowledged: true, buyers: true, updatedByName: true })
      .extend({ acknowledgedAt: isoDateTime.nullable() }),
  ),
});
export type MyDisclosure = z.infer<typeof myDisclosure>;

export const acknowledgeMyDisclosureBody = z.object({
  projectId: z.uuid(),
  version: z.number().int().positive(),
});
