import { and, arrayContains, asc, desc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import {
  type ArticleContent,
  type KnowledgeArticleRow,
  type KnowledgeVersionRow,
  knowledgeArticles,
  knowledgeArticleVersions,
} from './knowledge.tables.js';

const a = knowledgeArticles;

/** The paths above a node's path ("/r/c/p/" → "/r/", "/r/c/"), the node's own not included. */
export const pathsAbove = (path: string) => {
  const ids = path.split('/').filter(Boolean);
  return ids.slice(0, -1).map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
};

/**
 * Which articles a reader sees: those placed in the reader's subtree and those placed above the reader (the group's
 * articles reach every company; a company's reach its projects).
 */
export const visibleTo = (scopePath: string): SQL => {
  const above = pathsAbove(scopePath);
  const inside = withinScope(a.orgPath, scopePath);
  return above.length ? (or(inside, inArray(a.orgPath, above)) as SQL) : inside;
};

/** Articles placed at one of these paths, or group-wide (at the root): what an owner's homes reach. */
export const placedAt = (paths: string[]): SQL => {
  const groupWide = sql`${a.orgPath} ~ '^/[^/]+/$'`;
  return paths.length ? (or(inArray(a.orgPath, paths), groupWide) as SQL) : groupWide;
};

/** The searchable document: the title's words weigh A, the symptom's, causes' and fix's words B. */
const document = (titleWords: string, bodyWords: string) =>
  sql`setweight(to_tsvector('simple', ${titleWords}), 'A') || setweight(to_tsvector('simple', ${bodyWords}), 'B')`;

export type ArticleValues = ArticleContent & { primaryCause: string | null };
export type SearchWords = { title: string; body: string };

export type SearchFilter = {
  /** A to_tsquery text (words joined by `|`), or null to list newest first. */
  query: string | null;
  category?: string;
  audience?: string;
  status?: string;
  /** A to_tsquery text (words joined by `&`): the first tier, articles holding every one of these words. */
  strict?: string | null;
  /** Rank bonus for articles of this category (suggestions). */
  boostCategory?: string;
  offset: number;
  limit: number;
};

export type HitRow = Pick<
  KnowledgeArticleRow,
  | 'id'
  | 'number'
  | 'title'
  | 'symptom'
  | 'primaryCause'
  | 'categoryCodes'
  | 'part'
  | 'audience'
  | 'status'
  | 'version'
  | 'updatedAt'
> & { rank: number };

/** Rows a search tier takes from the index at most before ranking them. */
const CANDIDATES = 400;

const hitColumns = {
  id: a.id,
  number: a.number,
  title: a.title,
  symptom: a.symptom,
  primaryCause: a.primaryCause,
  categoryCodes: a.categoryCodes,
  part: a.part,
  audience: a.audience,
  status: a.status,
  version: a.version,
  updatedAt: a.updatedAt,
};

/** The only queries on knowledge_articles and knowledge_article_versions. */
export class KnowledgeRepository {
  constructor(private readonly db: Executor) {}

  /** The next article number (KB00001…), taken under a lock held to the end of the transaction. */
  async nextNumber(): Promise<string> {
    await this.db.execute(sql`select pg_advisory_xact_lock(hashtext('knowledge:number'))`);
    const [row] = await this.db
      .select({ last: sql<number>`coalesce(max(substr(${a.number}, 3)::int), 0)`.mapWith(Number) })
      .from(a);
    return `KB${String((row?.last ?? 0) + 1).padStart(5, '0')}`;
  }

  async insert(
    values: ArticleValues & {
      number: string;
      orgUnitId: string;
      orgPath: string;
      createdBy: string | null;
      updatedByName: string | null;
      at: Date;
    },
    words: SearchWords,
  ): Promise<KnowledgeArticleRow> {
    const { at, ...rest } = values;
    const [row] = await this.db
      .insert(a)
      .values({
        ...rest,
        search: document(words.title, words.body) as unknown as string,
        version: 1,
        updatedBy: values.createdBy,
        createdAt: at,
        updatedAt: at,
      })
      .returning();
    return row as KnowledgeArticleRow;
  }

  /** Saves a new version when `version` is still the current one; null when it is stale. */
  async update(
    id: string,
    version: number,
    values: ArticleValues & { updatedBy: string | null; updatedByName: string | null; at: Date },
    words: SearchWords,
  ): Promise<KnowledgeArticleRow | null> {
    const { at, ...rest } = values;
    const [row] = await this.db
      .update(a)
      .set({
        ...rest,
        search: document(words.title, words.body) as unknown as string,
        version: version + 1,
        updatedAt: at,
      })
      .where(and(eq(a.id, id), eq(a.version, version)))
      .returning();
    return row ?? null;
  }

  async insertVersion(values: typeof knowledgeArticleVersions.$inferInsert) {
    await this.db.insert(knowledgeArticleVersions).values(values);
  }

  /** One article the reader sees (`visible`: the reader's visibility rule). */
  async find(id: string, visible: SQL): Promise<KnowledgeArticleRow | null> {
    const [row] = await this.db
      .select()
      .from(a)
      .where(and(eq(a.id, id), visible));
    return row ?? null;
  }

  /** Articles by id (for the owner's page, where content is shown in full). */
  async byIds(ids: string[]): Promise<KnowledgeArticleRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(a).where(inArray(a.id, ids));
  }

  /** Every version of an article, newest first. */
  async versions(articleId: string): Promise<KnowledgeVersionRow[]> {
    return this.db
      .select()
      .from(knowledgeArticleVersions)
      .where(eq(knowledgeArticleVersions.articleId, articleId))
      .orderBy(desc(knowledgeArticleVersions.version));
  }

  async version(articleId: string, version: number): Promise<KnowledgeVersionRow | null> {
    const [row] = await this.db
      .select()
      .from(knowledgeArticleVersions)
      .where(and(eq(knowledgeArticleVersions.articleId, articleId), eq(knowledgeArticleVersions.version, version)));
    return row ?? null;
  }

  /**
   * Articles the reader sees matching the filter, one page of `limit` from `offset`. Without words: newest first.
   * With words, in two tiers so that no search ranks more than a bounded number of rows whatever the size of the
   * base (decisions §45): first the articles holding every word of `strict` (ranked), then — only when those do
   * not fill the page — articles holding any word of `query` (or of the boosted category), ranked after them.
   * Each tier takes at most CANDIDATES rows from the GIN index before ranking.
   */
  async search(visible: SQL, f: SearchFilter): Promise<HitRow[]> {
    const conditions: SQL[] = [visible];
    if (f.category) conditions.push(arrayContains(a.categoryCodes, [f.category]));
    if (f.audience) conditions.push(eq(a.audience, f.audience));
    if (f.status) conditions.push(eq(a.status, f.status));
    if (f.query === null && !f.boostCategory) {
      return this.db
        .select({ ...hitColumns, rank: sql<number>`0::float8`.mapWith(Number) })
        .from(a)
        .where(and(...conditions))
        .orderBy(desc(a.updatedAt), asc(a.id))
        .limit(f.limit)
        .offset(f.offset);
    }
    const any = f.query === null ? null : sql`to_tsquery('simple', ${f.query})`;
    const all = f.strict ? sql`to_tsquery('simple', ${f.strict})` : null;
    const bonus = f.boostCategory
      ? sql`(case when ${a.categoryCodes} @> array[${f.boostCategory}]::text[] then 0.5 else 0 end)`
      : sql`0`;
    const rank = any ? sql`(ts_rank(${a.search}, ${any}) + ${bonus})::float8` : sql`(${bonus})::float8`;
    const filters = and(...conditions) as SQL;
    const needed = f.offset + f.limit;
    const looseMatch = any
      ? f.boostCategory
        ? sql`(${a.search} @@ ${any} or ${a.categoryCodes} @> array[${f.boostCategory}]::text[])`
        : sql`${a.search} @@ ${any}`
      : sql`${a.categoryCodes} @> array[${f.boostCategory ?? ''}]::text[]`;
    const strictTier = all
      ? sql`select ${a.id} as id, ${rank} as rank, 0 as tier from ${a}
              where ${filters} and ${a.search} @@ ${all} limit ${CANDIDATES}`
      : sql`select null::uuid as id, 0::float8 as rank, 0 as tier where false`;
    const notStrict = all ? sql`and not (${a.search} @@ ${all})` : sql``;
    const rows = await queryRows<HitRow & { updatedAt: string | Date }>(
      this.db,
      sql`with strict as (${strictTier}),
               loose as (select ${a.id} as id, ${rank} as rank, 1 as tier from ${a}
                          where (select count(*) from strict) < ${needed} and ${filters} and ${looseMatch} ${notStrict}
                          limit ${CANDIDATES}),
               hits as (select * from strict union all select * from loose)
          select ${a.id} as "id", ${a.number} as "number", ${a.title} as "title", ${a.symptom} as "symptom",
                 ${a.primaryCause} as "primaryCause", ${a.categoryCodes} as "categoryCodes", ${a.part} as "part",
                 ${a.audience} as "audience", ${a.status} as "status", ${a.version} as "version",
                 ${a.updatedAt} as "updatedAt", hits.rank as "rank"
            from hits join ${a} on ${a.id} = hits.id
           order by hits.tier, hits.rank desc, ${a.updatedAt} desc, ${a.id}
           limit ${f.limit} offset ${f.offset}`,
    );
    return rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt), rank: Number(r.rank) }));
  }
}
