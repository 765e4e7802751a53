import { z } from 'zod';
import { titleParts } from './codes.js';
import { isoDateTime, pageQuery } from './common.js';
import { CONSENT_CHANNELS, consentState, FAMILY_RELATIONS } from './customers.js';
import { fileInfo } from './files.js';
import { mobile, personName } from './input-rules.js';
import { PART_CATEGORIES, unitWarrantyItem } from './property.js';
import { ROOMS, TICKET_TYPES } from './tickets.js';

/** The owner portal (mobile H5 at /m/): every route is scoped to the logged-in person's own households. */

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const OWNER_CODE_LENGTH = 6;
export const requestLoginCodeBody = z.object({ phone: mobile });
/** Always the same answer, whether or not the number belongs to an owner. */
export const loginCodeRequested = z.object({ ok: z.literal(true), resendAfterSeconds: z.number().int() });
export const verifyLoginCodeBody = z.object({
  phone: mobile,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
});

export const myProfile = z
  .object({
    id: z.uuid(),
    name: z.string(),
    phoneMasked: z.string(),
    consents: z.array(consentState),
    homeCount: z.number().int(),
    unreadNotices: z.number().int(),
    unreadUpdates: z.number().int(),
  })
  .meta({ id: 'MyProfile' });
export type MyProfile = z.infer<typeof myProfile>;

export const updateMyConsentBody = z.object({ channel: z.enum(CONSENT_CHANNELS), granted: z.boolean() });

export const myFamilyMember = z.object({
  id: z.uuid(),
  name: z.string(),
  relation: z.enum(FAMILY_RELATIONS),
  phoneMasked: z.string().nullable(),
});

export const myHome = z
  .object({
    unitId: z.uuid(),
    unitCode: z.string(),
    projectId: z.uuid(),
    projectName: z.string(),
    /** owner: on the title; family: registered under an owner of this home. */
    role: z.enum(['owner', 'family']),
    areaSqm: z.number().nullable(),
    layout: z.string().nullable(),
    deliveredOn: isoDate.nullable(),
    warranty: z.array(unitWarrantyItem),
    family: z.array(myFamilyMember),
  })
  .meta({ id: 'MyHome' });
export type MyHome = z.infer<typeof myHome>;

export const addMyFamilyMemberBody = z.object({
  name: personName(),
  relation: z.enum(FAMILY_RELATIONS),
  phone: mobile,
  /** The owner confirms the member agreed to be recorded (PIPL); false is refused. */
  consent: z.literal(true),
});

/** One repair item of a report: each becomes its own ticket (decisions.md §17). */
export const myRepairItem = z.object({
  room: z.enum(ROOMS),
  location: z.string().trim().max(200).optional(),
  categoryCode: z.string().max(40),
  description: text(1000),
  /** Files uploaded through uploadMyPhoto, at most 9 per item. */
  photoIds: z.array(z.uuid()).max(9).default([]),
});
export type MyRepairItem = z.infer<typeof myRepairItem>;

export const createMyRequestBody = z.discriminatedUnion('type', [
  z.object({ type: z.literal('repair'), unitId: z.uuid(), items: z.array(myRepairItem).min(1).max(10) }),
  z.object({
    type: z.enum(TICKET_TYPES.filter((t) => t !== 'repair') as ['complaint', 'consultation', 'suggestion', 'praise']),
    /** The home it concerns; when the person has several and none is given the first is used. */
    unitId: z.uuid().optional(),
    description: text(2000),
    photoIds: z.array(z.uuid()).max(9).default([]),
  }),
]);
export type CreateMyRequestBody = z.infer<typeof createMyRequestBody>;

/** Where a request stands, in the owner's words (the portal translates each stage). */
export const REQUEST_STAGES = [
  'received',
  'inspecting',
  'assigning',
  'in_progress',
  'on_hold',
  'awaiting_confirmation',
  'completed',
  'cancelled',
] as const;
export type RequestStage = (typeof REQUEST_STAGES)[number];

export const myRequestSummary = z
  .object({
    id: z.uuid(),
    number: z.string(),
    type: z.enum(TICKET_TYPES),
    title: z.string(),
    stage: z.enum(REQUEST_STAGES),
    /** Set when the title was made from the room and category picked: render it in the owner's language. */
    titleParts: titleParts.nullable(),
    unitCode: z.string().nullable(),
    projectName: z.string().nullable(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    /** New customer-visible updates since the owner last opened it. */
    unread: z.boolean(),
  })
  .meta({ id: 'MyRequestSummary' });
export type MyRequestSummary = z.infer<typeof myRequestSummary>;

export const MY_REQUEST_EVENT_KINDS = [
  'created',
  'inspected',
  'dispatched',
  'processing',
  'held',
  'resumed',
  'closed',
  'reopened',
  'cancelled',
  'reply',
  'rated',
  'confirmed',
] as const;
export const myRequestEvent = z.object({
  at: isoDateTime,
  kind: z.enum(MY_REQUEST_EVENT_KINDS),
  /** A reply or note written for the owner, a hold or close reason, the owner's own words; null for plain changes. */
  text: z.string().nullable(),
  /** The owner's rating on a `rated` event, or the low rating that reopened it. */
  score: z.number().int().nullable(),
});

export const myRequest = myRequestSummary
  .extend({
    description: z.string(),
    room: z.enum(ROOMS).nullable(),
    location: z.string().nullable(),
    categoryCode: z.string().nullable(),
    warrantyStatus: z.enum(['in', 'out', 'unknown']).nullable(),
    warrantyUntil: isoDate.nullable(),
    /** Who holds it now: "客服中心", a department or the contractor's name. */
    holder: z.string().nullable(),
    /** What happens next, as a stage, and by when (the current node's deadline). */
    nextStage: z.enum(REQUEST_STAGES).nullable(),
    dueBy: isoDateTime.nullable(),
    holdReason: z.string().nullable(),
    resumeOn: isoDate.nullable(),
    resolution: z.string().nullable(),
    photos: z.array(fileInfo),
    events: z.array(myRequestEvent),
    rating: z.object({ score: z.number().int(), comment: z.string().nullable(), at: isoDateTime }).nullable(),
    /** The owner may confirm it fixed / not fixed and rate it (the callback). */
    canRate: z.boolean(),
    /** The owner said "fixed" since the last close (the rating form comes next). */
    confirmedFixed: z.boolean(),
  })
  .meta({ id: 'MyRequest' });
export type MyRequest = z.infer<typeof myRequest>;

export const createdMyRequests = z.object({ items: z.array(myRequestSummary) });
export const listMyRequestsQuery = pageQuery.extend({ open: z.stringbool().optional() });

export const rateMyRequestBody = z.object({
  score: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
/** "Not fixed" reopens the request with the owner's words; "fixed" leaves it for the rating. */
export const confirmMyRequestBody = z.object({ fixed: z.boolean(), comment: z.string().trim().max(500).optional() });

export const NOTICE_CATEGORIES = [
  'construction',
  'design_change',
  'open_day',
  'delivery',
  'community',
  'other',
] as const;
export const notice = z
  .object({
    id: z.uuid(),
    projectId: z.uuid(),
    projectName: z.string(),
    category: z.enum(NOTICE_CATEGORIES),
    title: z.string(),
    body: z.string(),
    images: z.array(fileInfo),
    publishedAt: isoDateTime,
    createdByName: z.string().nullable(),
    /** Portal only: whether this owner has opened it. */
    read: z.boolean().optional(),
    /** Console only: how many owners have opened it. */
    readCount: z.number().int().optional(),
  })
  .meta({ id: 'Notice' });
export type Notice = z.infer<typeof notice>;

/** Notices that can also reach the project's buyers by SMS (6+2 step 3: progress reports and design changes). */
export const SMS_NOTICE_CATEGORIES = ['construction', 'design_change'] as const;
export const createNoticeBody = z
  .object({
    projectId: z.uuid(),
    category: z.enum(NOTICE_CATEGORIES),
    title: text(100),
    body: text(5000),
    imageIds: z.array(z.uuid()).max(9).default([]),
    /** Also text the project's buyers who consented (one SMS per person per notice; quiet hours respected). */
    smsToBuyers: z.boolean().default(false),
  })
  .superRefine((n, ctx) => {
    if (n.smsToBuyers && !(SMS_NOTICE_CATEGORIES as readonly string[]).includes(n.category)) {
      ctx.addIssue({
        code: 'custom',
        path: ['smsToBuyers'],
        message: 'only construction-progress and design-change notices go out by SMS',
      });
    }
  });
export type CreateNoticeBody = z.infer<typeof createNoticeBody>;
export const listNoticesQuery = pageQuery.extend({ projectId: z.uuid().optional() });
export const listMyNoticesQuery = pageQuery.extend({ unread: z.stringbool().optional() });

export const myDataExportRequest = z.object({
  /** The CR centre's task: a ticket in its queue. */
  requestNumber: z.string(),
  requestedAt: isoDateTime,
  alreadyOpen: z.boolean(),
});

/** A defect category with the warranty part it falls under, so the portal can show warranty before submitting. */
export const myDefectCategory = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  urgent: z.boolean(),
  partCategory: z.enum(PART_CATEGORIES),
});
export const myDefectCategoryList = z.object({ items: z.array(myDefectCategory) });

/**
 * The portal's routes, for the front end and the docs. Cookie `anju_owner` (httpOnly, SameSite=Strict, path /api/portal).
 * Files the owner may see are served at /api/portal/files/:id (and /thumbnail): FileInfo.url points there.
 */
export const PORTAL_ROUTES = {
  requestLoginCode: 'POST /api/portal/auth/code',
  verifyLoginCode: 'POST /api/portal/auth/verify',
  logout: 'POST /api/portal/auth/logout',
  getMyProfile: 'GET /api/portal/me',
  updateMyConsent: 'PUT /api/portal/me/consents',
  requestMyDataExport: 'POST /api/portal/me/data-export',
  listMyHomes: 'GET /api/portal/homes',
  addMyFamilyMember: 'POST /api/portal/homes/:unitId/family',
  listMyDefectCategories: 'GET /api/portal/defect-categories',
  uploadMyPhoto: 'POST /api/portal/photos (multipart, field "file")',
  createMyRequest: 'POST /api/portal/requests (header Idempotency-Key)',
  listMyRequests: 'GET /api/portal/requests',
  getMyRequest: 'GET /api/portal/requests/:id',
  confirmMyRequest: 'POST /api/portal/requests/:id/confirm',
  rateMyRequest: 'POST /api/portal/requests/:id/rating',
  listMyNotices: 'GET /api/portal/notices',
  markNoticeRead: 'POST /api/portal/notices/:id/read',
} as const;
