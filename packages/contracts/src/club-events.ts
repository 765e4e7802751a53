import { z } from 'zod';
import { MEMBER_CLASSES } from './club.js';
import { isoDateTime, pageQuery, version } from './common.js';

/** Request and response schemas of the club's events (imported as '@anju/contracts/club-events'). */

/**
 * Lectures (decoration, warranty and home care) earn `lecture_attendance`; the others `event_attendance`.
 * `programme`: for an age group; `open_day`: linked to a journeys open day; `interaction`: the property company's
 * interaction events (KPI K18).
 */
export const CLUB_EVENT_KINDS = ['lecture', 'programme', 'brand', 'open_day', 'interaction'] as const;
export type ClubEventKind = (typeof CLUB_EVENT_KINDS)[number];
/** Programmes by age group; the age is taken from the customer's birthday on the event's day. */
export const AGE_GROUPS = ['children', 'youth', 'seniors'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const CLUB_EVENT_STATUSES = ['scheduled', 'cancelled'] as const;
export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_CHANNELS = ['portal', 'console'] as const;
/** The callback survey of an attendee: none yet, opened (pending), answered, or ended otherwise. */
export const CALLBACK_STATES = ['none', 'due', 'pending', 'answered', 'closed'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const clubEvent = z.object({
  id: z.string(),
  kind: z.enum(CLUB_EVENT_KINDS),
  title: z.string(),
  description: z.string(),
  ageGroup: z.enum(AGE_GROUPS).nullable(),
  /** A journeys open day this event stands for (kind open_day). */
  openDayId: z.string().nullable(),
  /** The project or city company where the event is seen. */
  orgUnitId: z.string(),
  orgUnitName: z.string().nullable(),
  projectId: z.string().nullable(),
  venue: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  capacity: z.number().int(),
  waitlist: z.boolean(),
  status: z.enum(CLUB_EVENT_STATUSES),
  registered: z.number().int(),
  waitlisted: z.number().int(),
  version: z.number().int(),
});
export type ClubEvent = z.infer<typeof clubEvent>;

export const clubEventCounts = z.object({
  registered: z.number().int(),
  waitlisted: z.number().int(),
  checkedIn: z.number().int(),
  callbacksAnswered: z.number().int(),
  invited: z.number().int(),
});
export const clubEventDetail = clubEvent.extend({ counts: clubEventCounts });
export type ClubEventDetail = z.infer<typeof clubEventDetail>;

export const listEventsQuery = pageQuery.extend({
  kind: z.enum(CLUB_EVENT_KINDS).optional(),
  status: z.enum(CLUB_EVENT_STATUSES).optional(),
  /** China dates `YYYY-MM-DD`: events starting on or after `from`, on or before `to`. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  orgUnitId: z.uuid().optional(),
});

const eventFields = {
  kind: z.enum(CLUB_EVENT_KINDS),
  title: text(80),
  description: z.string().trim().max(2000).default(''),
  /** Required for a programme, refused for the other kinds. */
  ageGroup: z.enum(AGE_GROUPS).nullable().default(null),
  openDayId: z.uuid().nullable().default(null),
  /** A project or a city company within the caller's subtree. */
  orgUnitId: z.uuid(),
  venue: z.string().trim().max(120).default(''),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  capacity: z.number().int().min(1).max(100_000),
  waitlist: z.boolean().default(false),
};
export const createEventBody = z.object(eventFields);
export type CreateEventBody = z.infer<typeof createEventBody>;
export const updateEventBody = z.object({
  title: text(80).optional(),
  description: z.string().trim().max(2000).optional(),
  venue: z.string().trim().max(120).optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  capacity: z.number().int().min(1).max(100_000).optional(),
  waitlist: z.boolean().optional(),
  ageGroup: z.enum(AGE_GROUPS).nullable().optional(),
  openDayId: z.uuid().nullable().optional(),
  /** `cancelled` calls the event off (registrations stay for the record; nothing is held). */
  status: z.enum(CLUB_EVENT_STATUSES).optional(),
  version,
});
export type UpdateEventBody = z.infer<typeof updateEventBody>;

export const eventRegistration = z.object({
  id: z.string(),
  eventId: z.string(),
  customerId: z.string(),
  customerName: z.string().nullable(),
  memberId: z.string().nullable(),
  cardNo: z.string().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  via: z.enum(REGISTRATION_CHANNELS),
  registeredAt: isoDateTime,
  promotedAt: isoDateTime.nullable(),
  cancelledAt: isoDateTime.nullable(),
  checkedInAt: isoDateTime.nullable(),
  callback: z.enum(CALLBACK_STATES),
});
export type EventRegistration = z.infer<typeof eventRegistration>;
export const eventRegistrationParams = z.object({ id: z.uuid(), registrationId: z.uuid() });
export const listEventRegistrationsQuery = pageQuery.extend({
  status: z.enum(REGISTRATION_STATUSES).optional(),
});
export const registerForEventBody = z.object({ customerId: z.uuid() });
export const checkInEventBody = z.object({
  /** The code of the registration's QR (typed or scanned); case and spaces do not matter. */
  code: z.string().trim().min(4).max(20),
});
export const checkInResult = z.object({
  registration: eventRegistration,
  /** The code was checked in before: nothing new was recorded and no points were awarded again. */
  alreadyCheckedIn: z.boolean(),
});

/** Attendance marked from a sign-in sheet after the event: the registrations that came (confirmed, not checked in). */
export const markEventAttendanceBody = z.object({
  registrationIds: z.array(z.string().uuid()).min(1).max(2000),
});
export const markEventAttendanceResult = z.object({
  /** Registrations newly marked as attended (already checked-in or not confirmed ones are left as they are). */
  checkedIn: z.number().int(),
  /** Ledger entries earned for them (members only, once per registration). */
  awarded: z.number().int(),
  points: z.number().int(),
});

/** Members chosen as the members list chooses them; only those who consented to SMS are texted. */
export const inviteEventSegmentBody = z.object({
  class: z.enum(MEMBER_CLASSES).optional(),
  tier: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,31}$/)
    .optional(),
  projectId: z.uuid().optional(),
});
export const inviteEventSegmentResult = z.object({
  /** Members texted now. */
  invited: z.number().int(),
  /** Members of the segment left out: invited before, not consenting to SMS, or without a phone. */
  skipped: z.number().int(),
});

/** The owner portal: events open to me and my registrations with their check-in code. */
export const myEvent = z.object({
  id: z.string(),
  kind: z.enum(CLUB_EVENT_KINDS),
  title: z.string(),
  description: z.string(),
  ageGroup: z.enum(AGE_GROUPS).nullable(),
  orgUnitName: z.string().nullable(),
  venue: z.string(),
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  status: z.enum(CLUB_EVENT_STATUSES),
  placesLeft: z.number().int(),
  waitlist: z.boolean(),
  canRegister: z.boolean(),
  registration: z
    .object({
      id: z.string(),
      status: z.enum(REGISTRATION_STATUSES),
      /** Shown as a QR code at the door. */
      checkInCode: z.string(),
      checkedInAt: isoDateTime.nullable(),
    })
    .nullable(),
});
export type MyEvent = z.infer<typeof myEvent>;
export const myEvents = z.object({ items: z.array(myEvent) });
export type MyEvents = z.infer<typeof myEvents>;
