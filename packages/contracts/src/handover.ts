import { z } from 'zod';
import { isoDateTime, version } from './common.js';
import { fileInfo } from './files.js';
import { ROOMS } from './tickets.js';

/**
 * Handover day (集中交付) of a delivery batch: appointment slots, bookings by the owner (portal) or the CR desk,
 * check-in, the room-by-room inspection (验房), and the owner's signature or refusal. docs/journeys.md "Handover day".
 */

/** An appointment's life: booked → checked_in → signed | refused (a refused household may book again). */
export const HANDOVER_STATUSES = ['booked', 'checked_in', 'signed', 'refused', 'cancelled'] as const;
export type HandoverStatus = (typeof HANDOVER_STATUSES)[number];
export const HANDOVER_METERS = ['water', 'electricity', 'gas'] as const;
export type HandoverMeter = (typeof HANDOVER_METERS)[number];
/** Why an owner would not take the keys (拒收). */
export const HANDOVER_REFUSAL_REASONS = [
  'quality_defects',
  'not_as_promised',
  'area_dispute',
  'fees_dispute',
  'documents_missing',
  'other',
] as const;
export type HandoverRefusalReason = (typeof HANDOVER_REFUSAL_REASONS)[number];

const text = (max: number) => z.string().trim().max(max);
const instant = z.iso.datetime({ offset: true }).meta({ format: 'date-time', example: '2026-12-19T01:00:00Z' });
const photoIds = z.array(z.uuid()).max(12).default([]);

export const handoverSlot = z
  .object({
    id: z.uuid(),
    batchId: z.uuid(),
    startsAt: isoDateTime,
    endsAt: isoDateTime,
    capacity: z.number().int(),
    booked: z.number().int(),
    version,
  })
  .meta({ id: 'HandoverSlot' });
export type HandoverSlot = z.infer<typeof handoverSlot>;
export const handoverSlotList = z.object({ items: z.array(handoverSlot) });

/** The batch's slots as they should be: rows with an id change, rows without one are new, rows left out go. */
export const upsertHandoverSlotsBody = z.object({
  slots: z
    .array(
      z.object({
        id: z.uuid().optional(),
        startsAt: instant,
        endsAt: instant,
        capacity: z.number().int().min(1).max(500),
      }),
    )
    .max(200),
});
export type UpsertHandoverSlotsBody = z.infer<typeof upsertHandoverSlotsBody>;

export const bookHandoverSlotBody = z.object({ unitId: z.uuid(), slotId: z.uuid() });
export type BookHandoverSlotBody = z.infer<typeof bookHandoverSlotBody>;
export const checkInHandoverBody = z.object({ unitId: z.uuid() });

export const handoverInspectionItem = z.object({
  room: z.enum(ROOMS),
  /** What was checked in the room (walls, doors and windows, water and drains, electrics…). */
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  ok: z.boolean(),
  note: text(500).optional(),
  photoFileIds: photoIds,
});
export type HandoverInspectionItem = z.infer<typeof handoverInspectionItem>;
export const handoverMeterReading = z.object({
  meter: z.enum(HANDOVER_METERS),
  reading: z.number().min(0).max(99_999_999),
});
export const handoverDefectInput = z.object({
  room: z.enum(ROOMS),
  categoryCode: z.string().min(1).max(40),
  description: text(1000).min(1),
  photoFileIds: photoIds,
});
export type HandoverDefectInput = z.infer<typeof handoverDefectInput>;

/**
 * The inspection as recorded so far (a later record replaces items, readings and keys). Each defect opens a repair
 * ticket (channel `handover`) once: the same room, category and description sent again opens none.
 */
export const recordHandoverInspectionBody = z.object({
  version,
  items: z.array(handoverInspectionItem).max(200),
  meterReadings: z.array(handoverMeterReading).max(6).default([]),
  keysHanded: z.number().int().min(0).max(50).nullable().default(null),
  feesAcknowledged: z.boolean().default(false),
  defects: z.array(handoverDefectInput).max(50).default([]),
});
export type RecordHandoverInspectionBody = z.infer<typeof recordHandoverInspectionBody>;

/** The owner's signature drawn on the tablet, as a PNG data URL (canvas.toDataURL('image/png')). */
export const signHandoverBody = z.object({
  version,
  signaturePng: z
    .string()
    .max(1_400_000)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'a PNG data URL'),
});
export const refuseHandoverBody = z.object({
  version,
  reasons: z.array(z.enum(HANDOVER_REFUSAL_REASONS)).min(1).max(HANDOVER_REFUSAL_REASONS.length),
  note: text(1000).default(''),
});
export type RefuseHandoverBody = z.infer<typeof refuseHandoverBody>;

export const handoverDefect = z.object({
  id: z.uuid(),
  room: z.enum(ROOMS),
  categoryCode: z.string(),
  description: z.string(),
  photos: z.array(fileInfo),
  ticketId: z.uuid(),
  ticketNumber: z.string(),
  createdAt: isoDateTime,
});

export const handoverAppointment = z
  .object({
    id: z.uuid(),
    batchId: z.uuid(),
    projectId: z.uuid(),
    unitId: z.uuid(),
    unitCode: z.string().nullable(),
    customerId: z.uuid(),
    customerName: z.string().nullable(),
    slotId: z.uuid().nullable(),
    slotStartsAt: isoDateTime.nullable(),
    slotEndsAt: isoDateTime.nullable(),
    status: z.enum(HANDOVER_STATUSES),
    bookedVia: z.enum(['portal', 'console']),
    bookedAt: isoDateTime,
    checkedInAt: isoDateTime.nullable(),
    inspection: z.array(handoverInspectionItem.extend({ photoFileIds: z.array(z.uuid()) })).nullable(),
    meterReadings: z.array(handoverMeterReading).nullable(),
    keysHanded: z.number().int().nullable(),
    feesAcknowledgedAt: isoDateTime.nullable(),
    signedAt: isoDateTime.nullable(),
    signatureFileId: z.uuid().nullable(),
    refusedAt: isoDateTime.nullable(),
    refusalReasons: z.array(z.enum(HANDOVER_REFUSAL_REASONS)).nullable(),
    refusalNote: z.string().nullable(),
    /** The CR team's follow-up of a refusal (a complaint ticket). */
    followUpTicket: z.object({ id: z.uuid(), number: z.string() }).nullable(),
    version,
  })
  .meta({ id: 'HandoverAppointment' });
export type HandoverAppointment = z.infer<typeof handoverAppointment>;

export const handoverAppointmentDetail = handoverAppointment.extend({
  photos: z.array(fileInfo),
  defects: z.array(handoverDefect),
});
export type HandoverAppointmentDetail = z.infer<typeof handoverAppointmentDetail>;

/** One household of the batch on the board: its appointment, or none yet. */
export const handoverBoardHousehold = z.object({
  unitId: z.uuid(),
  unitCode: z.string().nullable(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  appointmentId: z.uuid().nullable(),
  slotId: z.uuid().nullable(),
  status: z.enum([...HANDOVER_STATUSES, 'unbooked']),
  defects: z.number().int(),
  version: z.number().int().nullable(),
});
export type HandoverBoardHousehold = z.infer<typeof handoverBoardHousehold>;

export const handoverBoard = z
  .object({
    batchId: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string().nullable(),
    slots: z.array(
      handoverSlot.extend({ checkedIn: z.number().int(), signed: z.number().int(), refused: z.number().int() }),
    ),
    totals: z.object({
      households: z.number().int(),
      booked: z.number().int(),
      checkedIn: z.number().int(),
      signed: z.number().int(),
      refused: z.number().int(),
      defects: z.number().int(),
    }),
    defectsByCategory: z.array(z.object({ categoryCode: z.string(), count: z.number().int() })),
    households: z.array(handoverBoardHousehold),
  })
  .meta({ id: 'HandoverBoard' });
export type HandoverBoard = z.infer<typeof handoverBoard>;

// --- the owner portal ---

export const myHandoverSlot = z.object({
  id: z.uuid(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  available: z.number().int(),
});
export const myHandoverHome = z.object({
  unitId: z.uuid(),
  unitCode: z.string().nullable(),
  projectName: z.string().nullable(),
  batchId: z.uuid(),
  appointment: z
    .object({
      id: z.uuid(),
      slotId: z.uuid().nullable(),
      startsAt: isoDateTime.nullable(),
      endsAt: isoDateTime.nullable(),
      status: z.enum(HANDOVER_STATUSES),
    })
    .nullable(),
  /** The owner may book or change (not once checked in or signed). */
  canBook: z.boolean(),
  slots: z.array(myHandoverSlot),
});
export type MyHandoverHome = z.infer<typeof myHandoverHome>;
export const myHandoverSlots = z.object({ items: z.array(myHandoverHome) });
export type MyHandoverSlots = z.infer<typeof myHandoverSlots>;
export const bookMyHandoverSlotBody = bookHandoverSlotBody;
export const myHandoverInspectionQuery = z.object({ unitId: z.uuid() });

export const myHandoverInspection = z.object({
  unitId: z.uuid(),
  status: z.enum(HANDOVER_STATUSES),
  checkedInAt: isoDateTime.nullable(),
  signedAt: isoDateTime.nullable(),
  refusedAt: isoDateTime.nullable(),
  items: z.array(
    z.object({
      room: z.enum(ROOMS),
      key: z.string(),
      ok: z.boolean(),
      note: z.string().nullable(),
      photos: z.array(fileInfo),
    }),
  ),
  meterReadings: z.array(handoverMeterReading),
  keysHanded: z.number().int().nullable(),
  feesAcknowledgedAt: isoDateTime.nullable(),
  defects: z.array(handoverDefect),
});
export type MyHandoverInspection = z.infer<typeof myHandoverInspection>;
