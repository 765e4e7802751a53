import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { clubMembers } from '../club.tables.js';

/** A page of an issue: a heading and its text (the club's own words, in the language it writes). */
export type MagazinePage = { title: string; body: string };

/** The club magazine's issues: drafts the club edits, then published (readable in the portal, mailed by e-mail). */
export const clubMagazineIssues = pgTable(
  'club_magazine_issues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    period: text('period').notNull(),
    status: text('status').notNull().default('draft'),
    pages: jsonb('pages').$type<MagazinePage[]>().notNull().default(sql`'[]'::jsonb`),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdBy: uuid('created_by'),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('club_magazine_issues_list_idx').on(t.createdAt.desc(), t.id),
    index('club_magazine_issues_published_idx').on(t.publishedAt.desc(), t.id).where(sql`${t.status} = 'published'`),
    check('club_magazine_issues_status_ck', sql`${t.status} in ('draft','published')`),
    check('club_magazine_issues_published_ck', sql`(${t.status} = 'published') = (${t.publishedAt} is not null)`),
  ],
);

/** A member on the mailing list: how the magazine reaches them (by hand, by post to an address, by e-mail, in the portal). */
export const clubMagazineSubscriptions = pgTable(
  'club_magazine_subscriptions',
  {
    memberId: uuid('member_id')
      .primaryKey()
      .references(() => clubMembers.id),
    delivery: text('delivery').notNull(),
    address: text('address'),
    email: text('email'),
    active: boolean('active').notNull().default(true),
    updatedBy: uuid('updated_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('club_magazine_subscriptions_delivery_idx').on(t.delivery, t.memberId).where(sql`${t.active}`),
    check('club_magazine_subscriptions_delivery_ck', sql`${t.delivery} in ('hand','post','email','portal')`),
    check('club_magazine_subscriptions_post_ck', sql`${t.delivery} <> 'post' or ${t.address} is not null`),
    check('club_magazine_subscriptions_email_ck', sql`${t.delivery} <> 'email' or ${t.email} is not null`),
  ],
);

/** What owners send the magazine from the portal, with its editorial status. */
export const clubMagazineContributions = pgTable(
  'club_magazine_contributions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('received'),
    issueId: uuid('issue_id').references(() => clubMagazineIssues.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('club_magazine_contributions_scope_idx').using(
      'btree',
      t.orgPath.op('text_pattern_ops'),
      t.submittedAt.desc(),
      t.id,
    ),
    index('club_magazine_contributions_status_idx').on(t.status, t.submittedAt.desc(), t.id),
    index('club_magazine_contributions_customer_idx').on(t.customerId, t.submittedAt.desc()),
    check('club_magazine_contributions_status_ck', sql`${t.status} in ('received','accepted','published','declined')`),
    check('club_magazine_contributions_issue_ck', sql`${t.status} <> 'published' or ${t.issueId} is not null`),
  ],
);

export type MagazineIssueRow = typeof clubMagazineIssues.$inferSelect;
export type MagazineSubscriptionRow = typeof clubMagazineSubscriptions.$inferSelect;
export type ContributionRow = typeof clubMagazineContributions.$inferSelect;
