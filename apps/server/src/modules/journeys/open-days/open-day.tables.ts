import { sql } from 'drizzle-orm';
import {
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

/** A site open day (工地开放日) of a project, optionally for one delivery batch. status: planned → held | cancelled. */
export const openDays = pgTable(
  'open_days',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull(),
    batchId: uuid('batch_id'),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    heldOn: date('held_on').notNull(),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    location: text('location').notNull().default(''),
    capacity: integer('capacity'),
    registered: integer('registered').notNull().default(0),
    status: text('status').notNull().default('planned'),
    /** When the SMS invitation fan-out was queued (once per open day). */
    invitedAt: tz('invited_at'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('open_days_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.heldOn, t.id),
    index('open_days_project_idx').on(t.projectId, t.heldOn),
    check('open_days_status_ck', sql`${t.status} in ('planned','held','cancelled')`),
    check('open_days_range_ck', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A buyer's registration for an open day, and the check-in on the day. */
export const openDayRegistrations = pgTable(
  'open_day_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    openDayId: uuid('open_day_id')
      .notNull()
      .references(() => openDays.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    unitId: uuid('unit_id'),
    via: text('via').notNull(),
    partySize: smallint('party_size').notNull().default(1),
    registeredAt: tz('registered_at').notNull(),
    registeredBy: uuid('registered_by'),
    checkedInAt: tz('checked_in_at'),
  },
  (t) => [
    uniqueIndex('open_day_registrations_uq').on(t.openDayId, t.customerId),
    index('open_day_registrations_customer_idx').on(t.customerId),
    check('open_day_registrations_via_ck', sql`${t.via} in ('portal','console')`),
  ],
);

/**
 * What an open day collected: a suggestion (answered: the answer reaches the owner) or an engineering issue (tracked
 * until rectified and verified). Suggestions: open → answered. Issues: open → rectified → verified.
 */
export const openDayItems = pgTable(
  'open_day_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    openDayId: uuid('open_day_id')
      .notNull()
      .references(() => openDays.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    kind: text('kind').notNull(),
    customerId: uuid('customer_id'),
    unitId: uuid('unit_id'),
    categoryCode: text('category_code').notNull(),
    content: text('content').notNull(),
    photoFileIds: jsonb('photo_file_ids').notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('open'),
    answer: text('answer'),
    answeredAt: tz('answered_at'),
    answeredBy: uuid('answered_by'),
    rectificationNote: text('rectification_note'),
    rectifiedAt: tz('rectified_at'),
    rectifiedBy: uuid('rectified_by'),
    verifiedAt: tz('verified_at'),
    verifiedBy: uuid('verified_by'),
    createdAt: tz('created_at').notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('open_day_items_day_idx').on(t.openDayId, t.kind, t.status),
    index('open_day_items_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.kind, t.status),
    check('open_day_items_kind_ck', sql`${t.kind} in ('suggestion','issue')`),
    check(
      'open_day_items_status_ck',
      sql`(${t.kind} = 'suggestion' and ${t.status} in ('open','answered')) or (${t.kind} = 'issue' and ${t.status} in ('open','rectified','verified'))`,
    ),
  ],
);

export type OpenDayRow = typeof openDays.$inferSelect;
export type OpenDayItemRow = typeof openDayItems.$inferSelect;
