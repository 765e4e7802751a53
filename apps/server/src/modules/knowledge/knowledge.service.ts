import type { SearchKnowledgeQuery, SuggestKnowledgeBody, UpsertKnowledgeArticleBody } from '@anju/contracts/knowledge';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { FileRow, FilesService, UploadInput } from '../../platform/files/files.service.js';
import { assertPermission, isRootPath, pathInScope } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { type ArticleValues, KnowledgeRepository, pathsAbove, placedAt, visibleTo } from './knowledge.repository.js';
import type { ArticleContent, KnowledgeArticleRow } from './knowledge.tables.js';
import { allWordsQuery, anyWordQuery, indexText } from './knowledge-words.js';

/** Photos an article holds at most. */
const MAX_PHOTOS = 12;
/** How deep a search may page (page-bounded results). */
const MAX_OFFSET = 1000;

const decodeCursor = (cursor: string | undefined) => {
  const n = cursor ? Number.parseInt(cursor, 10) : 0;
  return Number.isFinite(n) && n > 0 ? Math.min(n, MAX_OFFSET) : 0;
};

/** The content of a save, with the primary cause (the first cause's class). */
const valuesOf = (body: UpsertKnowledgeArticleBody): ArticleValues => ({
  title: body.title,
  symptom: body.symptom,
  causes: body.causes,
  fix: body.fix,
  responsibleParty: body.responsibleParty,
  prevention: body.prevention,
  categoryCodes: [...new Set(body.categoryCodes)],
  part: body.part,
  audience: body.audience,
  status: body.status,
  primaryCause: body.causes[0]?.class ?? null,
});

const contentOf = (v: ArticleValues): ArticleContent => {
  const { primaryCause: _, ...content } = v;
  return content;
};

/** The segmented words a save indexes: the title's (weighted above) and the body's. */
const wordsFor = (v: ArticleValues) => ({
  title: indexText(v.title),
  body: indexText(v.symptom, ...v.causes.map((c) => c.text), v.fix, v.part),
});

/**
 * The knowledge base of standard problems (issue 16 item 4): versioned articles placed group-wide or at a city
 * company, read by scope (knowledge.read), written by knowledge.manage; search by segmented words; suggestions
 * at intake; the owner-facing subset (home care) for owners in the portal.
 */
export class KnowledgeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly customers: CustomersModule,
    private readonly files: FilesService,
  ) {
    files.registerAccess('knowledge_article', (ctx, file) => this.canViewPhoto(ctx, file));
  }

  private async place(ctx: RequestContext, orgUnitId: string | undefined) {
    const node = await this.directory.node(orgUnitId ?? ctx.principal.orgUnitId);
    const placeable = node && (isRootPath(node.path) || node.type === 'city_company');
    if (!node || !placeable || !pathInScope(node.path, ctx.principal.orgPath)) {
      throw new AppError('KNOWLEDGE_PLACE_INVALID', { orgUnitId: orgUnitId ?? null });
    }
    return node;
  }

  /** Creates an article or saves a new version of it (a stale version is 409); each save is a version row. */
  async upsert(ctx: RequestContext, body: UpsertKnowledgeArticleBody): Promise<KnowledgeArticleRow> {
    assertPermission(ctx.principal, 'knowledge.manage');
    if (!body.title.trim()) throw new AppError('KNOWLEDGE_TITLE_REQUIRED', { field: 'title' });
    const values = valuesOf(body);
    const words = wordsFor(values);
    const now = this.clock.now();
    const actor = {
      id: ctx.principal.actor === 'staff' ? ctx.principal.userId : null,
      name: ctx.principal.displayName,
    };
    const node = body.id ? null : await this.place(ctx, body.orgUnitId);
    return this.db.transaction(async (tx) => {
      const repo = new KnowledgeRepository(tx);
      let row: KnowledgeArticleRow | null;
      let before: ArticleContent | null = null;
      if (!body.id) {
        if (!node) throw new AppError('KNOWLEDGE_PLACE_INVALID');
        row = await repo.insert(
          {
            ...values,
            number: await repo.nextNumber(),
            orgUnitId: node.id,
            orgPath: node.path,
            createdBy: actor.id,
            updatedByName: actor.name,
            at: now,
          },
          words,
        );
      } else {
        const current = await repo.find(body.id, visibleTo(ctx.principal.orgPath));
        // an article placed above the writer (the group's) is read by a company but written only at its level
        if (!current || !pathInScope(current.orgPath, ctx.principal.orgPath)) {
          throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND');
        }
        if (body.version === undefined || body.version !== current.version) throw new AppError('VERSION_CONFLICT');
        before = { ...current } as unknown as ArticleContent;
        row = await repo.update(
          body.id,
          body.version,
          { ...values, updatedBy: actor.id, updatedByName: actor.name, at: now },
          words,
        );
        if (!row) throw new AppError('VERSION_CONFLICT');
      }
      await repo.insertVersion({
        articleId: row.id,
        version: row.version,
        content: contentOf(values),
        savedBy: actor.id,
        savedByName: actor.name,
        savedAt: now,
      });
      await this.audit.record(tx, ctx, {
        action: 'knowledge_article.save',
        entityType: 'knowledge_article',
        entityId: row.id,
        orgPath: row.orgPath,
        before: before ? { title: before.title, status: before.status } : undefined,
        after: { number: row.number, version: row.version, title: row.title, status: row.status },
      });
      return row;
    });
  }

  /** An article the reader sees (404 otherwise), with its photos; `version`: an older version's content instead. */
  async get(ctx: RequestContext, id: string, version?: number) {
    assertPermission(ctx.principal, 'knowledge.read');
    const repo = new KnowledgeRepository(this.db);
    const row = await repo.find(id, visibleTo(ctx.principal.orgPath));
    if (!row) throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND');
    let shown: KnowledgeArticleRow = row;
    if (version !== undefined && version !== row.version) {
      const old = await repo.version(id, version);
      if (!old) throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND', { version });
      shown = {
        ...row,
        ...old.content,
        primaryCause: old.content.causes[0]?.class ?? null,
        version: old.version,
        updatedAt: old.savedAt,
        updatedByName: old.savedByName,
      };
    }
    const [names, photos] = await Promise.all([
      this.directory.names([row.orgUnitId]),
      this.files.list({ refType: 'knowledge_article', refId: row.id }),
    ]);
    return { row: shown, orgUnitName: names.get(row.orgUnitId) ?? null, photos };
  }

  async versions(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'knowledge.read');
    const repo = new KnowledgeRepository(this.db);
    if (!(await repo.find(id, visibleTo(ctx.principal.orgPath)))) throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND');
    return repo.versions(id);
  }

  /** Search by words (segmented), category, audience and status; one page, the cursor is the next offset. */
  async search(ctx: RequestContext, q: SearchKnowledgeQuery) {
    assertPermission(ctx.principal, 'knowledge.read');
    const offset = decodeCursor(q.cursor);
    const query = q.q ? anyWordQuery(q.q) : null;
    if (q.q && !query) return { items: [], nextCursor: null };
    const rows = await new KnowledgeRepository(this.db).search(visibleTo(ctx.principal.orgPath), {
      query,
      strict: q.q ? allWordsQuery(q.q) : null,
      category: q.category,
      audience: q.audience,
      status: q.status,
      offset,
      limit: q.limit + 1,
    });
    const more = rows.length > q.limit && offset + q.limit < MAX_OFFSET;
    return { items: rows.slice(0, q.limit), nextCursor: more ? String(offset + q.limit) : null };
  }

  /** The top published articles for what an agent is typing: its words, and its category ranked up. */
  async suggest(ctx: RequestContext, body: SuggestKnowledgeBody) {
    assertPermission(ctx.principal, 'knowledge.read');
    const query = anyWordQuery(`${body.title}\n${body.description}`, 24);
    if (!query && !body.category) return [];
    return new KnowledgeRepository(this.db).search(visibleTo(ctx.principal.orgPath), {
      query,
      // what the agent typed as the title is the problem itself; the description only widens the second tier
      strict: allWordsQuery(body.title),
      status: 'published',
      boostCategory: body.category,
      offset: 0,
      limit: body.limit,
    });
  }

  /**
   * Home care for an owner: published owner-facing articles placed group-wide or above one of the owner's homes;
   * staff-only articles are never read for an owner.
   */
  async homeCare(customerId: string, q: { q?: string; category?: string; limit: number }) {
    const homes = await this.customers.read.homesOf([customerId]);
    const nodes = await this.directory.nodes(homes.map((h) => h.projectId));
    const paths = new Set<string>();
    for (const node of nodes.values()) for (const p of [...pathsAbove(node.path), node.path]) paths.add(p);
    const query = q.q ? anyWordQuery(q.q) : null;
    if (q.q && !query) return [];
    const repo = new KnowledgeRepository(this.db);
    const hits = await repo.search(placedAt([...paths]), {
      query,
      strict: q.q ? allWordsQuery(q.q) : null,
      category: q.category,
      audience: 'owner',
      status: 'published',
      offset: 0,
      limit: q.limit,
    });
    const rows = new Map((await repo.byIds(hits.map((h) => h.id))).map((r) => [r.id, r]));
    return hits.flatMap((h) => rows.get(h.id) ?? []);
  }

  /**
   * For tickets closing with a standard problem: the article's primary cause class, when the closer sees the
   * article and it is published (else 404 KNOWLEDGE_ARTICLE_NOT_FOUND).
   */
  async standardProblem(scopePath: string, id: string, db: Executor = this.db) {
    const row = await new KnowledgeRepository(db).find(id, visibleTo(scopePath));
    if (row?.status !== 'published') throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND');
    return { id: row.id, number: row.number, title: row.title, primaryCause: row.primaryCause };
  }

  /** Adds a photo (knowledge.manage, the article writable by the caller); the same bytes again return the stored one. */
  async uploadPhoto(
    ctx: RequestContext,
    id: string,
    read: () => Promise<UploadInput>,
  ): Promise<{ file: FileRow; created: boolean }> {
    assertPermission(ctx.principal, 'knowledge.manage');
    const row = await new KnowledgeRepository(this.db).find(id, visibleTo(ctx.principal.orgPath));
    if (!row || !pathInScope(row.orgPath, ctx.principal.orgPath)) throw new AppError('KNOWLEDGE_ARTICLE_NOT_FOUND');
    const owner = { refType: 'knowledge_article', refId: row.id, orgPath: row.orgPath };
    const prepared = await this.files.prepare(await read(), ['image']);
    const existing = await this.files.findDuplicate(owner, prepared.sha256);
    if (existing) return { file: existing, created: false };
    if ((await this.files.list(owner)).length >= MAX_PHOTOS) throw new AppError('KNOWLEDGE_PHOTO_LIMIT');
    const file = await this.files.save(ctx, prepared, owner, async (tx, f) => {
      await this.audit.record(tx, ctx, {
        action: 'knowledge_article.photo',
        entityType: 'knowledge_article',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { fileId: f.id, name: f.originalName, size: f.sizeBytes, sha256: f.sha256 },
      });
    });
    return { file, created: true };
  }

  /** A photo of an article is seen by whoever sees the article. */
  private async canViewPhoto(ctx: RequestContext, file: FileRow) {
    if (!ctx.principal.permissions.has('knowledge.read') || !file.refId) return false;
    return (await new KnowledgeRepository(this.db).find(file.refId, visibleTo(ctx.principal.orgPath))) !== null;
  }
}
