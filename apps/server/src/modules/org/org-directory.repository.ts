import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { anyOfText, type Executor, queryRows } from '../../platform/db/database.js';
import { likePrefix, withinScope } from '../../platform/rbac/scope.js';
import { orgUnits, users } from './org.tables.js';

/** A node of the org tree as other modules see it. */
export type OrgNode = {
  id: string;
  type: string;
  name: string;
  /** The code the organisation is known by in imports and exports (SH-JG). */
  code: string | null;
  path: string;
  parentId: string | null;
  departmentKind: string | null;
  active: boolean;
};

/** An active staff member as the directory gives them: where they are placed and which roles they hold. */
export type DirectoryUser = {
  id: string;
  username: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  orgUnitId: string;
  departmentId: string | null;
  roles: string[];
};

const nodeColumns = {
  id: orgUnits.id,
  type: orgUnits.type,
  name: orgUnits.name,
  code: orgUnits.code,
  path: orgUnits.path,
  parentId: orgUnits.parentId,
  departmentKind: orgUnits.departmentKind,
  active: orgUnits.active,
};

/** The directory's queries on the org tables (org_units, users, user_roles, roles). */
export class OrgDirectoryRepository {
  constructor(private readonly db: Executor) {}

  nodes(ids: string[]): Promise<OrgNode[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select(nodeColumns).from(orgUnits).where(inArray(orgUnits.id, ids));
  }

  /** Active nodes of the given types, by name (small: the group's city companies and projects). */
  ofTypes(types: string[]): Promise<OrgNode[]> {
    return this.db
      .select(nodeColumns)
      .from(orgUnits)
      .where(and(inArray(orgUnits.type, types), eq(orgUnits.active, true)))
      .orderBy(asc(orgUnits.path))
      .limit(500);
  }

  /** Nodes by their codes within a subtree (history imports name projects, departments and contractors by code). */
  byCodes(codes: string[], scopePath: string): Promise<OrgNode[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.db
      .select(nodeColumns)
      .from(orgUnits)
      .where(and(inArray(orgUnits.code, codes), withinScope(orgUnits.path, scopePath)));
  }

  /**
   * Active users holding any of the roles, placed in (or, with `under`, at or below) one of the nodes, or members
   * of one of them as their department. One row per user with the matching roles.
   */
  usersWithRoles(nodes: { id: string; path: string }[], roleKeys: string[], under: boolean): Promise<DirectoryUser[]> {
    if (nodes.length === 0 || roleKeys.length === 0) return Promise.resolve([]);
    const ids = nodes.map((n) => n.id);
    const placed = under
      ? sql`(${sql.join(
          nodes.map((n) => sql`o.path like ${likePrefix(n.path)}`),
          sql` or `,
        )} or u.department_id::text ${anyOfText(ids)})`
      : sql`(u.org_unit_id::text ${anyOfText(ids)} or u.department_id::text ${anyOfText(ids)})`;
    return queryRows<DirectoryUser>(
      this.db,
      sql`select u.id, u.username, u.display_name as "displayName", u.phone, u.email,
                 u.org_unit_id as "orgUnitId", u.department_id as "departmentId",
                 array_agg(distinct r.key order by r.key) as roles
            from users u join org_units o on o.id = u.org_unit_id
            join user_roles ur on ur.user_id = u.id join roles r on r.id = ur.role_id
           where u.status = 'active' and ${placed} and r.key ${anyOfText(roleKeys)}
           group by u.id
           order by u.id`,
    );
  }

  /** Active users by id (with all their roles). */
  users(ids: string[]): Promise<DirectoryUser[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return queryRows<DirectoryUser>(
      this.db,
      sql`select u.id, u.username, u.display_name as "displayName", u.phone, u.email,
                 u.org_unit_id as "orgUnitId", u.department_id as "departmentId",
                 array(select r.key from user_roles ur join roles r on r.id = ur.role_id
                        where ur.user_id = u.id order by r.key) as roles
            from users u
           where u.status = 'active' and u.id::text ${anyOfText(ids)}
           order by u.id`,
    );
  }

  /** The department a user is a member of (whatever the user's status). */
  async departmentOf(userId: string): Promise<string | null> {
    const [row] = await this.db.select({ departmentId: users.departmentId }).from(users).where(eq(users.id, userId));
    return row?.departmentId ?? null;
  }

  /** The first active department of this kind at or below the node (by path), if any. */
  async departmentOfKind(nodeId: string, kind: string): Promise<OrgNode | null> {
    const [row] = await this.db
      .select(nodeColumns)
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.type, 'department'),
          eq(orgUnits.departmentKind, kind),
          eq(orgUnits.active, true),
          sql`${orgUnits.path} like (select c.path from org_units c where c.id = ${nodeId}) || '%'`,
        ),
      )
      .orderBy(asc(orgUnits.path), asc(orgUnits.id))
      .limit(1);
    return row ?? null;
  }

  /** Active contractors at or below the path, and those placed directly under one of its ancestors (group-wide). */
  contractors(path: string, ancestorIds: string[]): Promise<OrgNode[]> {
    return this.db
      .select(nodeColumns)
      .from(orgUnits)
      .where(
        and(
          eq(orgUnits.type, 'contractor'),
          eq(orgUnits.active, true),
          or(
            sql`${orgUnits.path} like ${likePrefix(path)}`,
            ancestorIds.length ? inArray(orgUnits.parentId, ancestorIds) : undefined,
          ),
        ),
      )
      .orderBy(asc(orgUnits.name), asc(orgUnits.id));
  }
}
