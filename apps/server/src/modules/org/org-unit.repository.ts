import { and, asc, eq, ilike, like, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { escapeLike, withinScope } from '../../platform/rbac/scope.js';
import { type OrgUnitRow, orgUnits, users } from './org.tables.js';

export type OrgUnitFilter = {
  scopePath: string;
  type?: string;
  parentId?: string;
  q?: string;
  includeInactive: boolean;
};

/** The bound on a visible org tree; a developer group has hundreds of nodes, never this many. */
export const ORG_LIST_CAP = 5000;

export class OrgUnitRepository {
  constructor(private readonly db: Executor) {}

  list(f: OrgUnitFilter): Promise<OrgUnitRow[]> {
    return this.db
      .select()
      .from(orgUnits)
      .where(
        and(
          withinScope(orgUnits.path, f.scopePath),
          f.type ? eq(orgUnits.type, f.type) : undefined,
          f.parentId ? eq(orgUnits.parentId, f.parentId) : undefined,
          f.q ? ilike(orgUnits.name, `%${escapeLike(f.q)}%`) : undefined,
          f.includeInactive ? undefined : eq(orgUnits.active, true),
        ),
      )
      .orderBy(asc(orgUnits.depth), asc(orgUnits.code))
      .limit(ORG_LIST_CAP);
  }

  async findById(id: string): Promise<OrgUnitRow | null> {
    const [row] = await this.db.select().from(orgUnits).where(eq(orgUnits.id, id)).limit(1);
    return row ?? null;
  }

  async findInScope(id: string, scopePath: string): Promise<OrgUnitRow | null> {
    const [row] = await this.db
      .select()
      .from(orgUnits)
      .where(and(eq(orgUnits.id, id), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return row ?? null;
  }

  async findRoot(): Promise<OrgUnitRow | null> {
    const [row] = await this.db.select().from(orgUnits).where(eq(orgUnits.type, 'group')).limit(1);
    return row ?? null;
  }

  async insert(row: typeof orgUnits.$inferInsert & { id: string }): Promise<OrgUnitRow> {
    const [created] = await this.db.insert(orgUnits).values(row).returning();
    if (!created) throw new Error('insert returned nothing');
    return created;
  }

  /** Conditional on the version the caller read: null means someone else changed it first. */
  async update(id: string, version: number, patch: Partial<typeof orgUnits.$inferInsert>, at: Date) {
    const [row] = await this.db
      .update(orgUnits)
      .set({ ...patch, version: sql`${orgUnits.version} + 1`, updatedAt: at })
      .where(and(eq(orgUnits.id, id), eq(orgUnits.version, version)))
      .returning();
    return row ?? null;
  }

  /** Rewrites the paths of a moved node's descendants in one statement. */
  async rewriteDescendantPaths(oldPath: string, newPath: string, depthDelta: number) {
    await this.db
      .update(orgUnits)
      .set({
        path: sql`${newPath} || substr(${orgUnits.path}, ${oldPath.length + 1})`,
        depth: sql`${orgUnits.depth} + ${depthDelta}`,
      })
      .where(and(like(orgUnits.path, `${oldPath}%`), ne(orgUnits.path, oldPath)));
  }

  async hasActiveDescendantsOrUsers(path: string, id: string): Promise<boolean> {
    const [child] = await this.db
      .select({ id: orgUnits.id })
      .from(orgUnits)
      .where(and(like(orgUnits.path, `${path}%`), ne(orgUnits.id, id), eq(orgUnits.active, true)))
      .limit(1);
    if (child) return true;
    // Users placed in the subtree, or attached to one of its departments.
    const [user] = await this.db
      .select({ id: users.id })
      .from(users)
      .innerJoin(orgUnits, or(eq(users.orgUnitId, orgUnits.id), eq(users.departmentId, orgUnits.id)))
      .where(and(like(orgUnits.path, `${path}%`), eq(users.status, 'active')))
      .limit(1);
    return Boolean(user);
  }
}
