import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A club event (lecture, programme, brand event, open day, the property company's interaction event) at a project or
 * a city company (`orgPath`: where it is seen). status: scheduled → cancelled; held is a matter of time.
 */
export const clubEvents = pgTable(
  'club_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ageGroup: text('age_group'),
    /** The journeys open day this event stands for (kind open_day), kept as an id. */
    openDayId: uuid('open_day_id'),
    orgUnitId: uuid('org_unit_id').notNull(),
    projectId: uuid('project_id'),
    orgPath: text('org_path').notNull(),
    venue: text('venue').notNull().default(''),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    waitlist: boolean('waitlist').notNull().default(false),
    status: text('status').notNull().default('scheduled'),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    index('club_events_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.startsAt, t.id),
    index('club_events_starts_idx').on(t.startsAt, t.id),
    index('club_events_kind_idx').on(t.kind, t.startsAt),
    check('club_events_kind_ck', sql`${t.kind} in ('lecture','programme','brand','open_day','interaction')`),
    check('club_events_status_ck', sql`${t.status} in ('scheduled','cancelled')`),
    check(
      'club_events_age_ck',
      sql`(${t.kind} = 'programme') = (${t.ageGroup} is not null) and (${t.ageGroup} is null or ${t.ageGroup} in ('children','youth','seniors'))`,
    ),
    check('club_events_range_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('club_events_capacity_ck', sql`${t.capacity} > 0`),
  ],
);

/**
 * A person's registration: confirmed (`registered`), on the waitlist, or cancelled. The check-in code is the QR the
 * portal shows. Check-in, the reminder and the callback are each claimed by a conditional update of their column.
 */
export const clubEventRegistrations = pgTable(
  'club_event_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => clubEvents.id),
    customerId: uuid('customer_id').notNull(),
    /** The club member at registration (null: not in the club, earns nothing). */
    memberId: uuid('member_id'),
    status: text('status').notNull(),
    via: text('via').notNull(),
    checkInCode: text('check_in_code').notNull(),
    orgPath: text('org_path').notNull(),
    registeredAt: tz('registered_at').notNull(),
    registeredBy: uuid('registered_by'),
    promotedAt: tz('promoted_at'),
    cancelledAt: tz('cancelled_at'),
    checkedInAt: tz('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    remindedAt: tz('reminded_at'),
    callbackDueAt: tz('callback_due_at'),
    callbackOpenedAt: tz('callback_opened_at'),
    callbackRequestId: uuid('callback_request_id'),
  },
  (t) => [
    uniqueIndex('club_event_registrations_code_uq').on(t.checkInCode),
    // one live registration per person and event; a cancelled one does not block registering again
    uniqueIndex('club_event_registrations_live_uq').on(t.eventId, t.customerId).where(sql`${t.status} <> 'cancelled'`),
    index('club_event_registrations_event_idx').on(t.eventId, t.status, t.registeredAt, t.id),
    index('club_event_registrations_customer_idx').on(t.customerId),
    index('club_event_registrations_callback_idx')
      .on(t.callbackDueAt)
      .where(sql`${t.callbackOpenedAt} is null and ${t.callbackDueAt} is not null`),
    check('club_event_registrations_status_ck', sql`${t.status} in ('registered','waitlisted','cancelled')`),
    check('club_event_registrations_via_ck', sql`${t.via} in ('portal','console')`),
  ],
);

/** A member invited to an event by SMS (at most once per event). */
export const clubEventInvitations = pgTable(
  'club_event_invitations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => clubEvents.id),
    memberId: uuid('member_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    invitedAt: tz('invited_at').notNull(),
    invitedBy: uuid('invited_by'),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.memberId] })],
);

export type ClubEventRow = typeof clubEvents.$inferSelect;
export type ClubEventRegistrationRow = typeof clubEventRegistrations.$inferSelect;
