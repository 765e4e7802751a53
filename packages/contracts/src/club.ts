import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** Request and response schemas of the owners' club (imported as '@anju/contracts/club'). */

/** Seed 000's four classes: signed buyers; owners and their family; employees; interested public. */
export const MEMBER_CLASSES = ['buyer', 'owner_family', 'employee', 'public'] as const;
export type MemberClass = (typeof MEMBER_CLASSES)[number];
export const MEMBER_STATUSES = ['active', 'left'] as const;
export const LEDGER_KINDS = ['earn', 'redeem', 'expire', 'adjust', 'reverse'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** Earn rules the club edits; attendance rules are used by the events slice through `earn`. */
export const EARN_RULE_CODES = [
  'purchase',
  'referral_purchase',
  'survey_answered',
  'event_attendance',
  'lecture_attendance',
] as const;
export type EarnRuleCode = (typeof EARN_RULE_CODES)[number];
export const ADJUSTMENT_STATUSES = ['applied', 'pending', 'rejected'] as const;

/** A code the club chooses for a tier: lower-case letters, digits and underscores. */
const tierCode = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/);

export const clubSettings = z.object({
  name: z.string(),
  approvalThreshold: z.number().int(),
  expiryYears: z.number().int().nullable(),
  referralDiscountNote: z.string().nullable(),
  version: z.number().int(),
});
export const updateClubSettingsBody = z.object({
  name: z.string().trim().min(1).max(60),
  /** Manual adjustments above this many points (either sign) wait for a second person's approval. */
  approvalThreshold: z.number().int().min(0).max(100_000_000),
  /** Points expire at the end of the Nth calendar year counting the year earned; null: never. Absent: unchanged. */
  expiryYears: z.number().int().min(1).max(10).nullable().optional(),
  /** Left on a referred buyer's timeline when the referral ends in a purchase; null: none. Absent: unchanged. */
  referralDiscountNote: z.string().trim().min(1).max(200).nullable().optional(),
  version,
});

export const tier = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  /** Higher wins when a member qualifies for several tiers. */
  rank: z.number().int(),
  /** Members of these classes qualify (empty: any class). */
  classes: z.array(z.enum(MEMBER_CLASSES)),
  /** Members with at least this many lifetime points qualify (null: no threshold). */
  minPoints: z.number().int().nullable(),
  priorityBooking: z.boolean(),
  purchaseDiscount: z.boolean(),
  /** The charter shown in the portal (rights, duties, benefits, how to join); null when none is written. */
  charterZh: z.string().nullable(),
  charterEn: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Tier = z.infer<typeof tier>;
export const tierParams = z.object({ code: tierCode });
export const upsertTierBody = z.object({
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  rank: z.number().int().min(0).max(1000),
  classes: z.array(z.enum(MEMBER_CLASSES)).max(4).default([]),
  /** A whole, non-negative number of points (else 400 CLUB_POINTS_INVALID). */
  minPoints: z.number().nullable().default(null),
  priorityBooking: z.boolean().default(false),
  purchaseDiscount: z.boolean().default(false),
  /** The tier's charter in each language; null clears it, absent leaves it unchanged. */
  charterZh: z.string().trim().min(1).max(2000).nullable().optional(),
  charterEn: z.string().trim().min(1).max(2000).nullable().optional(),
  active: z.boolean().default(true),
  /** The version read; omitted when creating. */
  version: version.optional(),
});
export type UpsertTierBody = z.infer<typeof upsertTierBody>;

export const earnRule = z.object({
  code: z.enum(EARN_RULE_CODES),
  points: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export const earnRuleParams = z.object({ code: z.enum(EARN_RULE_CODES) });
export const upsertEarnRuleBody = z.object({
  /** A whole, non-negative number of points (else 400 CLUB_POINTS_INVALID). */
  points: z.number(),
  active: z.boolean().default(true),
  version,
});

export const memberBenefits = z.object({ priorityBooking: z.boolean(), purchaseDiscount: z.boolean() });
export const member = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  cardNo: z.string(),
  class: z.enum(MEMBER_CLASSES),
  status: z.enum(MEMBER_STATUSES),
  tier: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }).nullable(),
  balance: z.number().int(),
  lifetimePoints: z.number().int(),
  projectId: z.string().nullable(),
  channel: z.string(),
  joinedAt: isoDateTime,
  version: z.number().int(),
});
export type Member = z.infer<typeof member>;
export const memberEvent = z.object({
  at: isoDateTime,
  /** joined, class_changed, tier_changed, updated */
  kind: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  actorName: z.string().nullable(),
});
export const memberDetail = member.extend({
  /** The benefits in sales of the member's tier (the customer 360 page shows them). */
  benefits: memberBenefits,
  history: z.array(memberEvent),
});
export const memberList = z.object({ items: z.array(member), nextCursor: z.string().nullable() });
export const listMembersQuery = pageQuery.extend({
  /** A card number, or a name, pinyin initials, mobile (or its last four digits) or home code of the customer. */
  q: z.string().trim().min(1).max(60).optional(),
  class: z.enum(MEMBER_CLASSES).optional(),
  tier: tierCode.optional(),
  projectId: z.uuid().optional(),
  minPoints: z.coerce.number().int().min(0).optional(),
  maxPoints: z.coerce.number().int().min(0).optional(),
});
export const enrolMemberBody = z.object({
  customerId: z.uuid(),
  /** Derived from the customer's kinds when omitted (owner or family → owner_family, buyer, employee, else public). */
  class: z.enum(MEMBER_CLASSES).optional(),
  channel: z.enum(['console', 'import']).default('console'),
});
export const updateMemberBody = z.object({
  class: z.enum(MEMBER_CLASSES).optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  version,
});

export const ledgerEntry = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  points: z.number().int(),
  balanceAfter: z.number().int(),
  sourceType: z.string(),
  sourceId: z.string().nullable(),
  reason: z.string().nullable(),
  /** The entry this one reverses. */
  reverses: z.string().nullable(),
  at: isoDateTime,
});
export const pointsStatement = z.object({
  memberId: z.string(),
  cardNo: z.string(),
  balance: z.number().int(),
  items: z.array(ledgerEntry),
  nextCursor: z.string().nullable(),
});
export const adjustPointsBody = z.object({
  /** A whole number of points, positive to credit, negative to debit (else 400 CLUB_POINTS_INVALID). */
  points: z.number(),
  reason: z.string().trim().min(2).max(200),
});
export const adjustment = z.object({
  id: z.string(),
  memberId: z.string(),
  points: z.number().int(),
  reason: z.string(),
  status: z.enum(ADJUSTMENT_STATUSES),
  requestedBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  entryId: z.string().nullable(),
  balance: z.number().int(),
});

export const listAdjustmentsQuery = pageQuery.extend({
  status: z.enum(ADJUSTMENT_STATUSES).default('pending'),
});
/** An adjustment in the approvals list: who asked, for whom, and who decided. */
export const adjustmentListItem = adjustment.omit({ balance: true }).extend({
  cardNo: z.string(),
  customerName: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: isoDateTime,
  approvedByName: z.string().nullable(),
  approvedAt: isoDateTime.nullable(),
});
export const adjustmentList = z.object({ items: z.array(adjustmentListItem), nextCursor: z.string().nullable() });
export const rejectAdjustmentBody = z.object({ reason: z.string().trim().min(2).max(200) });
export const reverseEntryParams = z.object({ id: z.uuid(), entryId: z.string().regex(/^[1-9][0-9]{0,17}$/) });
export const reverseEntryBody = z.object({ reason: z.string().trim().min(2).max(200) });
