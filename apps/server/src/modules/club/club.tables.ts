import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The one club of the group (a single row, id 'club'): its name and the adjustment approval threshold. */
export const clubSettings = pgTable(
  'club_settings',
  {
    id: text('id').primaryKey().default('club'),
    name: text('name').notNull(),
    approvalThreshold: integer('approval_threshold').notNull().default(1000),
    /** Points expire at the end of the Nth calendar year counting the year earned (2: end of the next year); null never. */
    expiryYears: integer('expiry_years'),
    /** When set, a referral that ends in a purchase leaves this note on the buyer's timeline (the company's words). */
    referralDiscountNote: text('referral_discount_note'),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('club_settings_one_ck', sql`${t.id} = 'club'`),
    check('club_settings_threshold_ck', sql`${t.approvalThreshold} >= 0`),
    check('club_settings_expiry_ck', sql`${t.expiryYears} is null or ${t.expiryYears} between 1 and 10`),
  ],
);

/** Tiers with the club's rules: classes that qualify and a lifetime points threshold; benefits in sales. */
export const clubTiers = pgTable(
  'club_tiers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    rank: integer('rank').notNull(),
    classes: text('classes').array().notNull().default(sql`'{}'::text[]`),
    minPoints: integer('min_points'),
    priorityBooking: boolean('priority_booking').notNull().default(false),
    purchaseDiscount: boolean('purchase_discount').notNull().default(false),
    /** The tier's charter shown in the portal: rights, duties, benefits and how to join (null: none written). */
    charterZh: text('charter_zh'),
    charterEn: text('charter_en'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('club_tiers_code_uq').on(t.code),
    check('club_tiers_min_points_ck', sql`${t.minPoints} is null or ${t.minPoints} >= 0`),
  ],
);

/**
 * A customer in the club (one row per customer; the customer is read through the customers module). `orgPath` is
 * where the member is seen: the project of their home, else the city company that enrolled them. The balance is
 * kept with the ledger in the same transaction and never goes negative.
 */
export const clubMembers = pgTable(
  'club_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    cardNo: text('card_no').notNull(),
    class: text('class').notNull(),
    status: text('status').notNull().default('active'),
    tierId: uuid('tier_id').references(() => clubTiers.id),
    balance: integer('balance').notNull().default(0),
    lifetimePoints: integer('lifetime_points').notNull().default(0),
    /** The last year the expiry job looked at this member (it posts at most one expiry per member and year). */
    expiryCheckedYear: integer('expiry_checked_year').notNull().default(0),
    orgPath: text('org_path').notNull(),
    projectId: uuid('project_id'),
    channel: text('channel').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('club_members_customer_uq').on(t.customerId),
    uniqueIndex('club_members_card_uq').on(t.cardNo),
    index('club_members_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.joinedAt.desc(), t.id),
    index('club_members_tier_idx').on(t.tierId),
    index('club_members_project_idx').on(t.projectId),
    index('club_members_expiry_idx').on(t.expiryCheckedYear, t.id).where(sql`${t.balance} > 0`),
    check('club_members_balance_ck', sql`${t.balance} >= 0`),
    check('club_members_class_ck', sql`${t.class} in ('buyer','owner_family','employee','public')`),
    check('club_members_status_ck', sql`${t.status} in ('active','left')`),
  ],
);

/** What happened to a member: joined, class or tier changed, edited (append-only). */
export const clubMemberEvents = pgTable(
  'club_member_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => clubMembers.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    from: text('from'),
    to: text('to'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    data: jsonb('data'),
  },
  (t) => [index('club_member_events_member_idx').on(t.memberId, t.at, t.id)],
);

/**
 * The points ledger, append-only: every entry with its source and a unique idempotency key. Corrections are
 * entries of kind `reverse` pointing at the entry they undo (each entry reversed at most once).
 */
export const clubLedger = pgTable(
  'club_ledger',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => clubMembers.id),
    kind: text('kind').notNull(),
    points: integer('points').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id'),
    idempotencyKey: text('idempotency_key').notNull(),
    reversesId: bigint('reverses_id', { mode: 'number' }),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('club_ledger_key_uq').on(t.idempotencyKey),
    uniqueIndex('club_ledger_reverses_uq').on(t.reversesId),
    index('club_ledger_member_idx').on(t.memberId, t.id),
    check('club_ledger_kind_ck', sql`${t.kind} in ('earn','redeem','expire','adjust','reverse')`),
    check(
      'club_ledger_sign_ck',
      sql`${t.points} <> 0 and (${t.kind} <> 'earn' or ${t.points} > 0)
          and (${t.kind} not in ('redeem','expire') or ${t.points} < 0)`,
    ),
    check('club_ledger_balance_ck', sql`${t.balanceAfter} >= 0`),
    check('club_ledger_reverse_ck', sql`(${t.kind} = 'reverse') = (${t.reversesId} is not null)`),
  ],
);

/** Earn rules the club edits: points per rule code. */
export const clubEarnRules = pgTable(
  'club_earn_rules',
  {
    code: text('code').primaryKey(),
    points: integer('points').notNull(),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('club_earn_rules_points_ck', sql`${t.points} >= 0`)],
);

/** Manual adjustments: applied at once, or pending a second person's approval above the threshold. */
export const clubAdjustments = pgTable(
  'club_adjustments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    memberId: uuid('member_id')
      .notNull()
      .references(() => clubMembers.id),
    points: integer('points').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    requestedBy: uuid('requested_by'),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    approvedBy: uuid('approved_by'),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    entryId: bigint('entry_id', { mode: 'number' }),
  },
  (t) => [
    index('club_adjustments_member_idx').on(t.memberId, t.requestedAt),
    index('club_adjustments_status_idx').on(t.status, t.requestedAt.desc(), t.id),
    check('club_adjustments_status_ck', sql`${t.status} in ('applied','pending','rejected')`),
    check('club_adjustments_points_ck', sql`${t.points} <> 0`),
  ],
);

export type ClubMemberRow = typeof clubMembers.$inferSelect;
export type ClubTierRow = typeof clubTiers.$inferSelect;
export type ClubLedgerRow = typeof clubLedger.$inferSelect;
export type ClubAdjustmentRow = typeof clubAdjustments.$inferSelect;
export type ClubEarnRuleRow = typeof clubEarnRules.$inferSelect;
