import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clubMembers } from '../club.tables.js';

/** A partner merchant of the alliance (江山会), the group's: a category and how to reach it. */
export const clubPartners = pgTable(
  'club_partners',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    address: text('address'),
    description: text('description'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('club_partners_category_idx').on(t.category, t.name, t.id),
    check(
      'club_partners_category_ck',
      sql`${t.category} in ('decoration','appliances','furniture','insurance','hospitality','cars','travel','education','health')`,
    ),
  ],
);

/** The partner users (org users holding the partner role) of a partner; a user may serve several partners. */
export const clubPartnerUsers = pgTable(
  'club_partner_users',
  {
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => clubPartners.id),
    /** An org user (no foreign key across modules; checked through the org directory when linked). */
    userId: uuid('user_id').notNull(),
    linkedBy: uuid('linked_by'),
    linkedAt: timestamp('linked_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.partnerId, t.userId] }), index('club_partner_users_user_idx').on(t.userId)],
);

/**
 * A partner's benefit: the offer, the tiers that may claim it, its validity, a quota counted by one conditional
 * update (`claimed < quota`), the points it costs and how long a voucher lasts.
 */
export const clubBenefits = pgTable(
  'club_benefits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => clubPartners.id),
    title: text('title').notNull(),
    discountText: text('discount_text').notNull(),
    tiers: text('tiers').array().notNull().default(sql`'{}'::text[]`),
    validFrom: date('valid_from').notNull(),
    validTo: date('valid_to').notNull(),
    quota: integer('quota'),
    claimed: integer('claimed').notNull().default(0),
    pointsPrice: integer('points_price').notNull().default(0),
    voucherDays: integer('voucher_days').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('club_benefits_partner_idx').on(t.partnerId, t.createdAt, t.id),
    check('club_benefits_dates_ck', sql`${t.validTo} >= ${t.validFrom}`),
    check('club_benefits_quota_ck', sql`${t.claimed} >= 0 and (${t.quota} is null or ${t.claimed} <= ${t.quota})`),
    check('club_benefits_price_ck', sql`${t.pointsPrice} >= 0`),
    check('club_benefits_days_ck', sql`${t.voucherDays} > 0`),
  ],
);

/**
 * A voucher a member claimed: a unique readable code, issued until it is redeemed once (a conditional update on
 * `status = 'issued'`); past `expires_at` an issued voucher reads as expired. One per member and benefit.
 * `org_path` is the member's place when claimed (staff see vouchers in their subtree).
 */
export const clubVouchers = pgTable(
  'club_vouchers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    benefitId: uuid('benefit_id')
      .notNull()
      .references(() => clubBenefits.id),
    partnerId: uuid('partner_id')
      .notNull()
      .references(() => clubPartners.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => clubMembers.id),
    customerId: uuid('customer_id').notNull(),
    orgPath: text('org_path').notNull(),
    status: text('status').notNull().default('issued'),
    points: integer('points').notNull(),
    channel: text('channel').notNull(),
    claimedBy: uuid('claimed_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    redeemedAt: timestamp('redeemed_at', { withTimezone: true }),
    redeemedBy: uuid('redeemed_by'),
  },
  (t) => [
    uniqueIndex('club_vouchers_code_uq').on(t.code),
    uniqueIndex('club_vouchers_member_benefit_uq').on(t.benefitId, t.memberId),
    index('club_vouchers_partner_idx').on(t.partnerId, t.issuedAt.desc(), t.id),
    index('club_vouchers_member_idx').on(t.memberId, t.issuedAt.desc()),
    index('club_vouchers_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.issuedAt.desc(), t.id),
    check('club_vouchers_status_ck', sql`${t.status} in ('issued','redeemed')`),
    check('club_vouchers_channel_ck', sql`${t.channel} in ('portal','staff')`),
    check('club_vouchers_points_ck', sql`${t.points} >= 0`),
    check('club_vouchers_redeemed_ck', sql`(${t.status} = 'redeemed') = (${t.redeemedAt} is not null)`),
  ],
);

export type ClubPartnerRow = typeof clubPartners.$inferSelect;
export type ClubBenefitRow = typeof clubBenefits.$inferSelect;
export type ClubVoucherRow = typeof clubVouchers.$inferSelect;
