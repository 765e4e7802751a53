import { z } from 'zod';
import { version } from './common.js';
import { fileInfo } from './files.js';

const isoDate = z.iso.date();
const isoDateTime = z.iso.datetime({ offset: true });

/** A site open day (工地开放日): planned, then held once the day has had a check-in or an item; or cancelled. */
export const OPEN_DAY_STATUSES = ['planned', 'held', 'cancelled'] as const;
/** What an open day collects: an owner's suggestion (answered to the owner) or an engineering issue (rectified, verified). */
export const OPEN_DAY_ITEM_KINDS = ['suggestion', 'issue'] as const;
export type OpenDayItemKind = (typeof OPEN_DAY_ITEM_KINDS)[number];
/** Suggestions: open → answered. Issues: open → rectified → verified (or sent back to open). */
export const OPEN_DAY_ITEM_STATUSES = ['open', 'answered', 'rectified', 'verified'] as const;
/** Categories of what owners raise on a site visit. */
export const OPEN_DAY_CATEGORIES = [
  'design',
  'landscape',
  'amenities',
  'structure',
  'leak',
  'walls',
  'doors_windows',
  'plumbing',
  'electrical',
  'safety',
  'progress',
  'service',
  'other',
] as const;
export type OpenDayCategory = (typeof OPEN_DAY_CATEGORIES)[number];

/**
 * A KPI figure: `done` of `total`; `rate` is done ÷ total, null when nothing was collected ("no data": neither met
 * nor missed). Reply rate (K5): suggestions with an answer delivered to the owner ÷ suggestions collected.
 * Rectification rate (K6): issues rectified and verified ÷ issues found.
 */
export const openDayRate = z.object({
  done: z.number().int(),
  total: z.number().int(),
  rate: z.number().nullable(),
});
export type OpenDayRate = z.infer<typeof openDayRate>;

export const openDayKpis = z.object({ replyRate: openDayRate, rectificationRate: openDayRate });
export type OpenDayKpis = z.infer<typeof openDayKpis>;

export const openDay = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectName: z.string().nullable(),
  batchId: z.uuid().nullable(),
  title: z.string(),
  heldOn: isoDate,
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  capacity: z.number().int().nullable(),
  /** People registered (each registration counts its party size). */
  registered: z.number().int(),
  registrations: z.number().int(),
  checkedIn: z.number().int(),
  status: z.enum(OPEN_DAY_STATUSES),
  invitedAt: z.string().nullable(),
  version,
  kpis: openDayKpis,
});
export type OpenDay = z.infer<typeof openDay>;

export const openDayRegistration = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  customerName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  unitCode: z.string().nullable(),
  via: z.enum(['portal', 'console']),
  partySize: z.number().int(),
  registeredAt: z.string(),
  checkedInAt: z.string().nullable(),
});
export type OpenDayRegistration = z.infer<typeof openDayRegistration>;

export const openDayItem = z.object({
  id: z.uuid(),
  openDayId: z.uuid(),
  kind: z.enum(OPEN_DAY_ITEM_KINDS),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  unitId: z.uuid().nullable(),
  categoryCode: z.enum(OPEN_DAY_CATEGORIES),
  content: z.string(),
  photos: z.array(fileInfo),
  status: z.enum(OPEN_DAY_ITEM_STATUSES),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  rectificationNote: z.string().nullable(),
  rectifiedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  createdAt: z.string(),
  version,
});
export type OpenDayItem = z.infer<typeof openDayItem>;

/** The open-day board: the day, its registrations and what it collected, with both rates. */
export const openDayDetail = openDay.extend({
  registrationList: z.array(openDayRegistration),
  items: z.array(openDayItem),
});
export type OpenDayDetail = z.infer<typeof openDayDetail>;

export const listOpenDaysQuery = z.object({
  projectId: z.uuid().optional(),
  status: z.enum(OPEN_DAY_STATUSES).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /**
   * The rates as of this instant (a month's snapshot, KPIS.md: answers and verifications count when they happened
   * before it); absent: as they stand now.
   */
  asOf: isoDateTime.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

const text = (max: number) => z.string().trim().min(1).max(max);

export const createOpenDayBody = z.object({
  projectId: z.uuid(),
  batchId: z.uuid().nullable().optional(),
  title: text(100),
  heldOn: isoDate,
  startsAt: isoDateTime,
  endsAt: isoDateTime,
  location: z.string().trim().max(200).default(''),
  capacity: z.number().int().min(1).max(100_000).nullable().optional(),
  /** SMS the project's buyers who consented to SMS (once per open day, one message per person). */
  inviteBySms: z.boolean().default(false),
});
export type CreateOpenDayBody = z.infer<typeof createOpenDayBody>;

export const registerOpenDayBody = z.object({
  customerId: z.uuid(),
  partySize: z.number().int().min(1).max(10).default(1),
});
export type RegisterOpenDayBody = z.infer<typeof registerOpenDayBody>;

export const checkInOpenDayBody = z.object({ customerId: z.uuid() });

export const recordOpenDaySuggestionBody = z.object({
  kind: z.enum(OPEN_DAY_ITEM_KINDS),
  /** The owner who raised it: required for a suggestion (its answer must reach them), optional for an issue. */
  customerId: z.uuid().nullable().optional(),
  categoryCode: z.enum(OPEN_DAY_CATEGORIES),
  content: text(2000),
  /** Photos uploaded first (uploadOpenDayPhoto). */
  photoFileIds: z.array(z.uuid()).max(9).default([]),
});
export type RecordOpenDaySuggestionBody = z.infer<typeof recordOpenDaySuggestionBody>;

export const answerOpenDaySuggestionBody = z.object({ version, answer: text(2000) });

export const rectifyOpenDayIssueBody = z.object({
  version,
  /** rectify: open → rectified (note required); verify: rectified → verified; reject: rectified → open (note). */
  action: z.enum(['rectify', 'verify', 'reject']),
  note: z.string().trim().max(2000).nullable().optional(),
});
export type RectifyOpenDayIssueBody = z.infer<typeof rectifyOpenDayIssueBody>;

export const openDayItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });

/** An open day of one of the owner's projects as the portal shows it. */
export const myOpenDay = z.object({
  id: z.uuid(),
  projectId: z.uuid(),
  projectName: z.string().nullable(),
  title: z.string(),
  heldOn: isoDate,
  startsAt: z.string(),
  endsAt: z.string(),
  location: z.string(),
  status: z.enum(OPEN_DAY_STATUSES),
  /** Places left (null: no limit). */
  placesLeft: z.number().int().nullable(),
  registered: z.boolean(),
  checkedIn: z.boolean(),
  /** Registration is open: planned, not over, not full, not yet registered. */
  canRegister: z.boolean(),
  mySuggestions: z.array(
    z.object({
      id: z.uuid(),
      categoryCode: z.enum(OPEN_DAY_CATEGORIES),
      content: z.string(),
      answer: z.string().nullable(),
      answeredAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type MyOpenDay = z.infer<typeof myOpenDay>;

export const myOpenDays = z.object({ items: z.array(myOpenDay) });
export type MyOpenDays = z.infer<typeof myOpenDays>;

export const registerMyOpenDayBody = z.object({ partySize: z.number().int().min(1).max(10).default(1) });

/** Calls off a planned open day; the registered buyers who consented are told by SMS. */
export const cancelOpenDayBody = z.object({ version, reason: text(200) });
