import { and, asc, eq, gt, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { escapeLike, withinScope } from '../../platform/rbac/scope.js';
import { loginThrottles, orgUnits, type RoleRow, roles, type UserRow, userRoles, users } from './org.tables.js';

const departments = alias(orgUnits, 'departments');

export type UserWithOrg = UserRow & {
  /** when the account-wide sign-in throttle blocks browsers the user never signed in from (login-throttle.ts) */
  lockedUntil: Date | null;
  orgUnitName: string;
  orgUnitType: string;
  orgPath: string;
  departmentName: string | null;
};

/** A session with what its user's principal is made of (roles as a JSON array, times as the driver gives them). */
export type SessionPrincipalRow = {
  id: string;
  user_id: string;
  csrf_token: string;
  last_seen_at: string | Date;
  expires_at: string | Date;
  username: string;
  display_name: string;
  status: string;
  org_unit_id: string;
  org_unit_name: string;
  org_unit_type: string;
  org_path: string;
  roles: (Pick<RoleRow, 'id' | 'key' | 'nameZh' | 'nameEn'> & { permissions: string[] })[];
};

export type UserFilter = {
  scopePath: string;
  orgUnitId?: string;
  roleKey?: string;
  status?: string;
  q?: string;
  afterUsername?: string;
  limit: number;
};

const like = (q: string) => `%${escapeLike(q)}%`;

export class UserRepository {
  constructor(private readonly db: Executor) {}

  private selectWithOrg() {
    return this.db
      .select({
        user: users,
        orgUnitName: orgUnits.name,
        orgUnitType: orgUnits.type,
        orgPath: orgUnits.path,
        departmentName: departments.name,
        lockedUntil: loginThrottles.blockedUntil,
      })
      .from(users)
      .innerJoin(orgUnits, eq(users.orgUnitId, orgUnits.id))
      .leftJoin(departments, eq(users.departmentId, departments.id))
      .leftJoin(loginThrottles, eq(loginThrottles.key, sql`'a:' || ${users.username}`));
  }

  private static flatten(r: {
    user: UserRow;
    orgUnitName: string;
    orgUnitType: string;
    orgPath: string;
    departmentName: string | null;
    lockedUntil: Date | null;
  }): UserWithOrg {
    return {
      ...r.user,
      lockedUntil: r.lockedUntil,
      orgUnitName: r.orgUnitName,
      orgUnitType: r.orgUnitType,
      orgPath: r.orgPath,
      departmentName: r.departmentName,
    };
  }

  async list(f: UserFilter): Promise<UserWithOrg[]> {
    const rows = await this.selectWithOrg()
      .where(
        and(
          withinScope(orgUnits.path, f.scopePath),
          f.orgUnitId ? eq(users.orgUnitId, f.orgUnitId) : undefined,
          f.status ? eq(users.status, f.status) : undefined,
          f.q ? or(ilike(users.username, like(f.q)), ilike(users.displayName, like(f.q))) : undefined,
          f.roleKey
            ? sql`exists (select 1 from ${userRoles} ur join ${roles} r on r.id = ur.role_id
                   where ur.user_id = ${users.id} and r.key = ${f.roleKey})`
            : undefined,
          f.afterUsername ? gt(users.username, f.afterUsername) : undefined,
        ),
      )
      .orderBy(asc(users.username))
      .limit(f.limit + 1);
    return rows.map(UserRepository.flatten);
  }

  async findInScope(id: string, scopePath: string): Promise<UserWithOrg | null> {
    const [row] = await this.selectWithOrg()
      .where(and(eq(users.id, id), withinScope(orgUnits.path, scopePath)))
      .limit(1);
    return row ? UserRepository.flatten(row) : null;
  }

  async findById(id: string): Promise<UserWithOrg | null> {
    const [row] = await this.selectWithOrg().where(eq(users.id, id)).limit(1);
    return row ? UserRepository.flatten(row) : null;
  }

  async findByUsername(username: string): Promise<UserWithOrg | null> {
    const [row] = await this.selectWithOrg().where(eq(users.username, username)).limit(1);
    return row ? UserRepository.flatten(row) : null;
  }

  /** A session, its user, the user's node and roles in one statement: read on every cookie-authenticated request. */
  async sessionPrincipal(sessionId: string): Promise<SessionPrincipalRow | null> {
    const [row] = await queryRows<SessionPrincipalRow>(
      this.db,
      sql`select s.id, s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.username, u.display_name, u.status,
                 u.org_unit_id, o.name as org_unit_name, o.type as org_unit_type, o.path as org_path,
                 coalesce((select json_agg(json_build_object('id', r.id, 'key', r.key, 'nameZh', r.name_zh,
                                                             'nameEn', r.name_en, 'permissions', r.permissions)
                                           order by r.key)
                             from user_roles ur join roles r on r.id = ur.role_id
                            where ur.user_id = u.id), '[]'::json) as roles
            from sessions s join users u on u.id = s.user_id join org_units o on o.id = u.org_unit_id
           where s.id = ${sessionId}`,
    );
    return row ?? null;
  }

  /** Roles of many users in one query (no N+1 on list pages). */
  async rolesOf(userIds: string[]): Promise<Map<string, RoleRow[]>> {
    const map = new Map<string, RoleRow[]>();
    if (userIds.length === 0) return map;
    const rows = await this.db
      .select({ userId: userRoles.userId, role: roles })
      .from(userRoles)
      .innerJoin(roles, eq(userRoles.roleId, roles.id))
      .where(inArray(userRoles.userId, userIds))
      .orderBy(asc(roles.key));
    for (const r of rows) map.set(r.userId, [...(map.get(r.userId) ?? []), r.role]);
    return map;
  }

  async insert(row: typeof users.$inferInsert): Promise<UserRow> {
    const [created] = await this.db.insert(users).values(row).returning();
    if (!created) throw new Error('insert returned nothing');
    return created;
  }

  async update(
    id: string,
    version: number,
    patch: Partial<typeof users.$inferInsert>,
    at: Date,
  ): Promise<UserRow | null> {
    const [row] = await this.db
      .update(users)
      .set({ ...patch, version: sql`${users.version} + 1`, updatedAt: at })
      .where(and(eq(users.id, id), eq(users.version, version)))
      .returning();
    return row ?? null;
  }

  async setRoles(userId: string, roleIds: string[]) {
    await this.db.delete(userRoles).where(eq(userRoles.userId, userId));
    if (roleIds.length) await this.db.insert(userRoles).values(roleIds.map((roleId) => ({ userId, roleId })));
  }

  /** Login bookkeeping is not a user edit: it neither bumps the version nor is audited as one. */
  async recordLoginSuccess(id: string, at: Date) {
    await this.db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id));
  }

  async setPassword(id: string, passwordHash: string, at: Date) {
    await this.db
      .update(users)
      .set({ passwordHash, passwordChangedAt: at, updatedAt: at, version: sql`${users.version} + 1` })
      .where(eq(users.id, id));
  }
}

export class RoleRepository {
  constructor(private readonly db: Executor) {}

  list(): Promise<RoleRow[]> {
    return this.db.select().from(roles).orderBy(asc(roles.builtin), asc(roles.key)).limit(500);
  }

  async findById(id: string): Promise<RoleRow | null> {
    const [row] = await this.db.select().from(roles).where(eq(roles.id, id)).limit(1);
    return row ?? null;
  }

  findByIds(ids: string[]): Promise<RoleRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(roles).where(inArray(roles.id, ids));
  }

  async findByKey(key: string): Promise<RoleRow | null> {
    const [row] = await this.db.select().from(roles).where(eq(roles.key, key)).limit(1);
    return row ?? null;
  }

  async insert(row: typeof roles.$inferInsert): Promise<RoleRow> {
    const [created] = await this.db.insert(roles).values(row).returning();
    if (!created) throw new Error('insert returned nothing');
    return created;
  }

  async update(
    id: string,
    version: number,
    patch: Partial<typeof roles.$inferInsert>,
    at: Date,
  ): Promise<RoleRow | null> {
    const [row] = await this.db
      .update(roles)
      .set({ ...patch, version: sql`${roles.version} + 1`, updatedAt: at })
      .where(and(eq(roles.id, id), eq(roles.version, version)))
      .returning();
    return row ?? null;
  }
}
