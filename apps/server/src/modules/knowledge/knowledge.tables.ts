import type { KnowledgeCause } from '@anju/contracts/knowledge';
import { sql } from 'drizzle-orm';
import {
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/** PostgreSQL's full-text document; written from jieba-segmented words with the `simple` config (docs/knowledge.md). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The content of an article as saved: the current one on the article row, each version's in its version row. */
export type ArticleContent = {
  title: string;
  symptom: string;
  causes: KnowledgeCause[];
  fix: string;
  responsibleParty: string;
  prevention: string;
  categoryCodes: string[];
  part: string;
  audience: 'staff' | 'owner';
  status: 'draft' | 'published';
};

/**
 * A standard problem (标准问题) of the knowledge base: its current version's content, placed group-wide (the root)
 * or at a city company (`orgPath`). `search` holds the segmented words of the title (weight A) and of the symptom,
 * causes and fix (weight B); `primaryCause` is the first cause's class, what a ticket closed with it gets.
 */
export const knowledgeArticles = pgTable(
  'knowledge_articles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    orgPath: text('org_path').notNull(),
    title: text('title').notNull(),
    symptom: text('symptom').notNull().default(''),
    causes: jsonb('causes').$type<KnowledgeCause[]>().notNull().default(sql`'[]'::jsonb`),
    primaryCause: text('primary_cause'),
    fix: text('fix').notNull().default(''),
    responsibleParty: text('responsible_party').notNull().default(''),
    prevention: text('prevention').notNull().default(''),
    categoryCodes: text('category_codes').array().notNull().default(sql`'{}'`),
    part: text('part').notNull().default(''),
    audience: text('audience').notNull().default('staff'),
    status: text('status').notNull().default('draft'),
    search: tsvector('search').notNull(),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by'),
    createdAt: tz('created_at').notNull(),
    updatedBy: uuid('updated_by'),
    updatedByName: text('updated_by_name'),
    updatedAt: tz('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('knowledge_articles_number_uq').on(t.number),
    index('knowledge_articles_search_idx').using('gin', t.search),
    index('knowledge_articles_categories_idx').using('gin', t.categoryCodes),
    index('knowledge_articles_scope_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.updatedAt.desc(), t.id),
    check('knowledge_articles_audience_ck', sql`${t.audience} in ('staff','owner')`),
    check('knowledge_articles_status_ck', sql`${t.status} in ('draft','published')`),
    check(
      'knowledge_articles_cause_ck',
      sql`${t.primaryCause} is null or ${t.primaryCause} in ('design','material','workmanship','owner_misuse','other')`,
    ),
  ],
);

/** Every save of an article: the content as it was saved, by whom and when (the newest equals the article row). */
export const knowledgeArticleVersions = pgTable(
  'knowledge_article_versions',
  {
    articleId: uuid('article_id')
      .notNull()
      .references(() => knowledgeArticles.id),
    version: integer('version').notNull(),
    content: jsonb('content').$type<ArticleContent>().notNull(),
    savedBy: uuid('saved_by'),
    savedByName: text('saved_by_name'),
    savedAt: tz('saved_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.version] })],
);

export type KnowledgeArticleRow = typeof knowledgeArticles.$inferSelect;
export type KnowledgeVersionRow = typeof knowledgeArticleVersions.$inferSelect;
