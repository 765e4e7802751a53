import { sql } from 'drizzle-orm';
import { check, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/** A project announcement published from the console and shown to the project's owners in the portal. */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull(),
    orgPath: text('org_path').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    imageIds: jsonb('image_ids').$type<string[]>().notNull().default([]),
    publishedAt: tz('published_at').notNull(),
    createdBy: uuid('created_by'),
    createdByName: text('created_by_name'),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [
    index('notices_project_idx').on(t.projectId, t.publishedAt.desc(), t.id.desc()),
    index('notices_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.publishedAt.desc(), t.id.desc()),
    check(
      'notices_category_ck',
      sql`${t.category} in ('construction','design_change','open_day','delivery','community','other')`,
    ),
  ],
);

/** Which owner opened which notice (unread markers, read counts). */
export const noticeReads = pgTable(
  'notice_reads',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id').notNull(),
    readAt: tz('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.customerId] }), index('notice_reads_customer_idx').on(t.customerId)],
);

export type NoticeRow = typeof notices.$inferSelect;
