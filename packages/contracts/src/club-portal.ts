import { z } from 'zod';
import { LEDGER_KINDS, MEMBER_CLASSES, MEMBER_STATUSES, memberBenefits } from './club.js';
import { isoDateTime } from './common.js';
import { mobile, personName } from './input-rules.js';

/** The owner's own club pages in the portal: my card, tier and charter, joining, my points (imported as '@anju/contracts/club-portal'). */

/** A tier as the portal shows it: its name, charter and benefits in sales. */
export const portalTier = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  charterZh: z.string().nullable(),
  charterEn: z.string().nullable(),
  /** Members with at least this many lifetime points qualify (null: no threshold). */
  minPoints: z.number().int().nullable(),
  priorityBooking: z.boolean(),
  purchaseDiscount: z.boolean(),
});
export type PortalTier = z.infer<typeof portalTier>;

export const myMember = z.object({
  /** The card number printed on the card and encoded in its QR code. */
  cardNo: z.string(),
  class: z.enum(MEMBER_CLASSES),
  status: z.enum(MEMBER_STATUSES),
  tier: portalTier.nullable(),
  benefits: memberBenefits,
  balance: z.number().int(),
  lifetimePoints: z.number().int(),
  joinedAt: isoDateTime,
});
export type MyMember = z.infer<typeof myMember>;

export const myMembership = z.object({
  clubName: z.string(),
  /** Null when the signed-in person is not in the club; `left` tells a former member apart. */
  member: myMember.nullable(),
  left: z.boolean(),
  /** The club's active tiers, lowest first: what joining gives and what comes next. */
  tiers: z.array(portalTier),
});
export type MyMembership = z.infer<typeof myMembership>;

/** Joining takes no input: the signed-in owner or buyer joins themselves. */
export const joinClubBody = z.object({}).strict().default({});

export const myPointsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const myLedgerEntry = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  points: z.number().int(),
  balanceAfter: z.number().int(),
  /** What the entry is for (survey, club_event, purchase, voucher, adjustment, …); the reader names it. */
  sourceType: z.string(),
  at: isoDateTime,
});
export const myPoints = z.object({
  balance: z.number().int(),
  lifetimePoints: z.number().int(),
  items: z.array(myLedgerEntry),
  nextCursor: z.string().nullable(),
});
export type MyPoints = z.infer<typeof myPoints>;

/** Where a stranger may join: the group's city companies and their projects (a public list). */
export const clubJoinPlaces = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      type: z.enum(['city_company', 'project']),
      parentId: z.uuid().nullable(),
    }),
  ),
});
export type ClubJoinPlaces = z.infer<typeof clubJoinPlaces>;

/** The SMS code of the public sign-up (any mainland mobile; the same limits as the sign-in code). */
export const requestClubJoinCodeBody = z.object({ phone: mobile });

/**
 * The public sign-up: the number's code, the person's name, the city company or project they are interested in and
 * their consent to SMS; a number that already belongs to a customer joins that customer.
 */
export const joinClubPublicBody = z.object({
  phone: mobile,
  code: z.string().regex(/^\d{6}$/, 'six digits'),
  name: personName(20),
  placeId: z.uuid(),
  smsConsent: z.boolean().default(false),
});
export const joinedClubPublic = z.object({
  cardNo: z.string(),
  /** False when the person was a member already (a retry, or a customer who had joined before). */
  created: z.boolean(),
});
