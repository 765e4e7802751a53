import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * An appointment slot of a batch's handover day (集中交付). `booked` counts the live appointments in it; a booking
 * takes the row lock and checks `booked < capacity`, so two desks cannot overfill it.
 */
export const handoverSlots = pgTable(
  'handover_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    booked: integer('booked').notNull().default(0),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('handover_slots_batch_start_uq').on(t.batchId, t.startsAt),
    check('handover_slots_capacity_ck', sql`${t.capacity} > 0 and ${t.booked} >= 0 and ${t.booked} <= ${t.capacity}`),
    check('handover_slots_range_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/**
 * One household's handover: its booking, check-in, the room-by-room inspection (验房), meter readings, keys, the fee
 * explanation, and the signature or the refusal. One row per unit and batch; re-booking moves the slot.
 * status: booked → checked_in → signed | refused (cancelled frees the slot).
 */
export const handoverAppointments = pgTable(
  'handover_appointments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    unitId: uuid('unit_id').notNull(),
    ownershipId: uuid('ownership_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    slotId: uuid('slot_id'),
    status: text('status').notNull().default('booked'),
    bookedVia: text('booked_via').notNull(),
    bookedAt: tz('booked_at').notNull(),
    bookedBy: uuid('booked_by'),
    /** The day the reminder SMS went out for (one per slot day; a re-booking to another day sends again). */
    remindedFor: date('reminded_for'),
    checkedInAt: tz('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    /** [{ room, key, ok, note, photoFileIds }] as recorded room by room; the defects are `handover_defects`. */
    inspection: jsonb('inspection'),
    /** [{ meter: water|electricity|gas, reading }] */
    meterReadings: jsonb('meter_readings'),
    keysHanded: smallint('keys_handed'),
    feesAcknowledgedAt: tz('fees_acknowledged_at'),
    signedAt: tz('signed_at'),
    signatureFileId: uuid('signature_file_id'),
    refusedAt: tz('refused_at'),
    /** `{ codes, followUp: { id, number } }`: the reason codes (contracts) and the follow-up ticket the refusal opened; the owner's own words are `refusal_note`. */
    refusalReasons: jsonb('refusal_reasons'),
    refusalNote: text('refusal_note'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('handover_appointments_unit_batch_uq').on(t.unitId, t.batchId),
    index('handover_appointments_batch_idx').on(t.batchId, t.status),
    index('handover_appointments_slot_idx').on(t.slotId),
    index('handover_appointments_customer_idx').on(t.customerId),
    check(
      'handover_appointments_status_ck',
      sql`${t.status} in ('booked','checked_in','signed','refused','cancelled')`,
    ),
    check('handover_appointments_via_ck', sql`${t.bookedVia} in ('portal','console')`),
  ],
);

/** A defect found in the handover inspection: each one opened a repair ticket (channel `handover`). */
export const handoverDefects = pgTable(
  'handover_defects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    appointmentId: uuid('appointment_id')
      .notNull()
      .references(() => handoverAppointments.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id').notNull(),
    room: text('room').notNull(),
    categoryCode: text('category_code').notNull(),
    description: text('description').notNull(),
    photoFileIds: jsonb('photo_file_ids').notNull().default(sql`'[]'::jsonb`),
    ticketId: uuid('ticket_id').notNull(),
    ticketNumber: text('ticket_number').notNull(),
    createdAt: tz('created_at').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('handover_defects_appointment_idx').on(t.appointmentId),
    index('handover_defects_batch_idx').on(t.batchId, t.categoryCode),
  ],
);

/**
 * A simulated-acceptance (模拟验收) finding: staff inspect a batch's units before delivery; each finding is internal
 * rectification work for the responsible contractor, never a customer ticket. status: open → rectified → verified
 * (a verification that fails sends it back to open). Blocking findings left open keep the batch from delivery.
 */
export const acceptanceFindings = pgTable(
  'acceptance_findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    batchId: uuid('batch_id').notNull(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    unitId: uuid('unit_id').notNull(),
    room: text('room').notNull(),
    categoryCode: text('category_code').notNull(),
    severity: text('severity').notNull(),
    description: text('description').notNull(),
    photoFileIds: jsonb('photo_file_ids').notNull().default(sql`'[]'::jsonb`),
    contractorId: uuid('contractor_id'),
    status: text('status').notNull().default('open'),
    /** When the rectification is due (working days by severity, the company's calendar); its clock has the same. */
    dueAt: tz('due_at').notNull(),
    rectifiedAt: tz('rectified_at'),
    rectifiedBy: uuid('rectified_by'),
    rectificationNote: text('rectification_note'),
    verifiedAt: tz('verified_at'),
    verifiedBy: uuid('verified_by'),
    createdAt: tz('created_at').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('acceptance_findings_batch_idx').on(t.batchId, t.status, t.severity),
    index('acceptance_findings_contractor_idx').on(t.contractorId, t.status),
    check('acceptance_findings_severity_ck', sql`${t.severity} in ('blocking','normal')`),
    check('acceptance_findings_status_ck', sql`${t.status} in ('open','rectified','verified')`),
  ],
);

/**
 * The hand-over of a batch to the property company (移交物业): what was handed over and when, and the property
 * company's verdict on its timeliness and its completeness (satisfied or not, each) for KPI K10 "移交物业的满意度".
 */
export const propertyHandovers = pgTable('property_handovers', {
  batchId: uuid('batch_id').primaryKey(),
  projectId: uuid('project_id').notNull(),
  orgPath: text('org_path').notNull(),
  handedOverOn: date('handed_over_on').notNull(),
  /** [{ code, quantity, note }]: keys, drawings, equipment manuals, spare parts… (codes in contracts). */
  items: jsonb('items').notNull(),
  note: text('note'),
  recordedBy: uuid('recorded_by'),
  recordedAt: tz('recorded_at').notNull(),
  /** The property company's verdict (K10): satisfied with the timeliness, and with the completeness. */
  timely: boolean('timely'),
  complete: boolean('complete'),
  ratingComment: text('rating_comment'),
  ratedBy: uuid('rated_by'),
  ratedAt: tz('rated_at'),
  version: integer('version').notNull().default(1),
});

export type HandoverSlotRow = typeof handoverSlots.$inferSelect;
export type HandoverAppointmentRow = typeof handoverAppointments.$inferSelect;
export type AcceptanceFindingRow = typeof acceptanceFindings.$inferSelect;
