import { and, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { type ApiTokenRow, apiTokens, orgUnits, users } from './org.tables.js';

export type ApiTokenView = ApiTokenRow & { orgUnitName: string; orgPath: string; createdBy: string };

/** API tokens per node are few (integrations), so the scoped list is capped rather than paged. */
export const TOKEN_LIST_CAP = 500;

export class ApiTokenRepository {
  constructor(private readonly db: Executor) {}

  private select() {
    return this.db
      .select({ token: apiTokens, orgUnitName: orgUnits.name, orgPath: orgUnits.path, createdBy: users.username })
      .from(apiTokens)
      .innerJoin(orgUnits, eq(apiTokens.orgUnitId, orgUnits.id))
      .innerJoin(users, eq(apiTokens.userId, users.id));
  }

  async list(scopePath: string): Promise<ApiTokenView[]> {
    const rows = await this.select()
      .where(withinScope(orgUnits.path, scopePath))
      .orderBy(desc(apiTokens.createdAt))
      .limit(TOKEN_LIST_CAP);
    return rows.map((r) => ({ ...r.token, orgUnitName: r.orgUnitName, orgPath: r.orgPath, createdBy: r.createdBy }));
  }

  async findInScope(id: string, scopePath: string): Promise<ApiTokenView | null> {
    const [r] = await this.select()
      .where(and(eq(apiTokens.id, id), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return r ? { ...r.token, orgUnitName: r.orgUnitName, orgPath: r.orgPath, createdBy: r.createdBy } : null;
  }

  async findByHash(tokenHash: string): Promise<(ApiTokenRow & { orgPath: string }) | null> {
    const [r] = await this.db
      .select({ token: apiTokens, orgPath: orgUnits.path })
      .from(apiTokens)
      .innerJoin(orgUnits, eq(apiTokens.orgUnitId, orgUnits.id))
      .where(eq(apiTokens.tokenHash, tokenHash))
      .limit(1);
    return r ? { ...r.token, orgPath: r.orgPath } : null;
  }

  async insert(row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
    const [created] = await this.db.insert(apiTokens).values(row).returning();
    if (!created) throw new Error('insert returned nothing');
    return created;
  }

  async revoke(id: string, at: Date) {
    await this.db
      .update(apiTokens)
      .set({ revokedAt: at })
      .where(and(eq(apiTokens.id, id), sql`${apiTokens.revokedAt} is null`));
  }

  async touch(id: string, at: Date) {
    await this.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
  }
}
