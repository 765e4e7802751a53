import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units } from '../property/property.tables.js';

/**
 * One person on one record, whatever they are to the company (prospect, buyer, owner, family, employee, public).
 * The ID number is stored encrypted, with a keyed hash for exact lookup and a masked form for display.
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameInitials: text('name_initials').notNull().default(''),
    namePinyin: text('name_pinyin').notNull().default(''),
    gender: text('gender').notNull().default('unknown'),
    birthday: date('birthday'),
    email: text('email'),
    wechatId: text('wechat_id'),
    address: text('address'),
    idType: text('id_type'),
    idNumberEnc: text('id_number_enc'),
    idNumberHash: text('id_number_hash'),
    idNumberMasked: text('id_number_masked'),
    sourceChannel: text('source_channel'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    notes: text('notes'),
    /** Kinds staff set by hand (employee, public, prospect). */
    declaredKinds: text('declared_kinds').array().notNull().default(sql`'{}'::text[]`),
    /** declared ∪ derived from relations (ownership → owner or buyer, family link → family). */
    kinds: text('kinds').array().notNull().default(sql`'{}'::text[]`),
    doNotContact: boolean('do_not_contact').notNull().default(false),
    mergedInto: uuid('merged_into'),
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_name_idx').using('btree', t.name.op('text_pattern_ops'), t.id),
    index('customers_initials_idx').using('btree', t.nameInitials.op('text_pattern_ops'), t.id),
    index('customers_pinyin_idx').using('btree', t.namePinyin.op('text_pattern_ops'), t.id),
    index('customers_id_hash_idx').on(t.idNumberHash),
    index('customers_created_idx').on(t.createdAt, t.id),
    check('customers_gender_ck', sql`${t.gender} in ('male','female','unknown')`),
  ],
);

export const customerPhones = pgTable(
  'customer_phones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    phone: text('phone').notNull(),
    last4: text('last4').notNull(),
    isPrimary: boolean('is_primary').notNull().default(false),
    label: text('label'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('customer_phones_customer_phone_uq').on(t.customerId, t.phone),
    index('customer_phones_phone_idx').on(t.phone),
    index('customer_phones_last4_idx').on(t.last4, t.customerId),
  ],
);

/**
 * Why a customer is visible where: one row per relation (ownership, visit, ticket, club, referral, registered)
 * with the org path it hangs under. A customer is visible to a user when any row lies in the user's subtree.
 */
export const customerScopes = pgTable(
  'customer_scopes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    orgPath: text('org_path').notNull(),
    relation: text('relation').notNull(),
    refId: text('ref_id').notNull(),
  },
  (t) => [
    uniqueIndex('customer_scopes_ref_uq').on(t.customerId, t.relation, t.refId),
    index('customer_scopes_path_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.customerId),
  ],
);

export const ownerships = pgTable(
  'ownerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The buyer's first visit to the project's sales office (the 6+2 step 1 anchor), when sales recorded it. */
    firstVisitDate: date('first_visit_date'),
    contractDate: date('contract_date'),
    sharePercent: numeric('share_percent', { precision: 5, scale: 2, mode: 'number' }),
    deliveryDate: date('delivery_date'),
    moveInDate: date('move_in_date'),
    /** How much of the price is paid: unpaid, partial, paid (the club grants purchase points once fully paid). */
    paymentStatus: text('payment_status').notNull().default('unpaid'),
    active: boolean('active').notNull().default(true),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ownerships_customer_unit_uq').on(t.customerId, t.unitId),
    index('ownerships_unit_idx').on(t.unitId),
    check('ownerships_payment_status_ck', sql`${t.paymentStatus} in ('unpaid','partial','paid')`),
  ],
);

/** A family member registered under an owner (optionally for one home), with the consent it was recorded with. */
export const familyLinks = pgTable(
  'family_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => customers.id),
    memberId: uuid('member_id')
      .notNull()
      .references(() => customers.id),
    unitId: uuid('unit_id').references(() => units.id),
    relation: text('relation').notNull(),
    consentSource: text('consent_source'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('family_links_owner_member_uq').on(t.ownerId, t.memberId),
    index('family_links_member_idx').on(t.memberId),
  ],
);

export const referrals = pgTable(
  'referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    referrerId: uuid('referrer_id')
      .notNull()
      .references(() => customers.id),
    referredId: uuid('referred_id')
      .notNull()
      .references(() => customers.id),
    projectId: uuid('project_id'),
    outcome: text('outcome').notNull().default('referred'),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referrals_pair_uq').on(t.referrerId, t.referredId),
    index('referrals_referred_idx').on(t.referredId),
    check('referrals_outcome_ck', sql`${t.outcome} in ('referred','visited','bought')`),
  ],
);

/** Consent history per channel (PIPL): the newest row per channel is the current state. */
export const customerConsents = pgTable(
  'customer_consents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    channel: text('channel').notNull(),
    granted: boolean('granted').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    source: text('source').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    index('customer_consents_latest_idx').on(t.customerId, t.channel, t.at, t.id),
    check('customer_consents_channel_ck', sql`${t.channel} in ('sms','email','wechat')`),
  ],
);

/** Every interaction with a customer, written by any module through the timeline service. */
export const customerTimeline = pgTable(
  'customer_timeline',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    orgPath: text('org_path').notNull(),
    refType: text('ref_type'),
    refId: text('ref_id'),
    data: jsonb('data'),
  },
  (t) => [index('customer_timeline_customer_idx').on(t.customerId, t.at, t.id)],
);

export const customerDuplicates = pgTable(
  'customer_duplicates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    otherId: uuid('other_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('customer_duplicates_pair_uq').on(t.customerId, t.otherId, t.reason),
    index('customer_duplicates_other_idx').on(t.otherId),
  ],
);

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerPhoneRow = typeof customerPhones.$inferSelect;
export type OwnershipRow = typeof ownerships.$inferSelect;
export type TimelineRow = typeof customerTimeline.$inferSelect;
