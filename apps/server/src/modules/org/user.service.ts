import type { CreateUserBody, Permission, UpdateUserBody } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal, RequestContext } from '../../platform/auth/principal.js';
import { hashPassword } from '../../platform/auth/secrets.js';
import type { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { clearLoginBlocks } from './login-throttle.js';
import type { OrgUnitRow, RoleRow } from './org.tables.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { maskPhone } from './user.presenter.js';
import { RoleRepository, type UserFilter, UserRepository, type UserWithOrg } from './user.repository.js';

export type UserWithRoles = { user: UserWithOrg; roles: RoleRow[] };

/** A principal may hand out only permissions it holds itself. */
export function assertNoEscalation(principal: Principal, granted: Iterable<string>) {
  const extra = [...new Set(granted)].filter((p) => !principal.permissions.has(p as Permission));
  if (extra.length) throw new AppError('PERMISSION_ESCALATION', { permissions: extra });
}

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext, filter: Omit<UserFilter, 'scopePath'>) {
    assertPermission(ctx.principal, 'users.read');
    const repo = new UserRepository(this.db);
    const rows = await repo.list({ ...filter, scopePath: ctx.principal.orgPath });
    const roleMap = await repo.rolesOf(rows.map((r) => r.id));
    return rows.map((user) => ({ user, roles: roleMap.get(user.id) ?? [] }));
  }

  async get(ctx: RequestContext, id: string): Promise<UserWithRoles> {
    assertPermission(ctx.principal, 'users.read');
    return this.load(this.db, id, ctx.principal.orgPath);
  }

  private async load(db: Executor, id: string, scopePath: string): Promise<UserWithRoles> {
    const repo = new UserRepository(db);
    const user = await repo.findInScope(id, scopePath);
    if (!user) throw new AppError('USER_NOT_FOUND');
    return { user, roles: (await repo.rolesOf([id])).get(id) ?? [] };
  }

  async create(ctx: RequestContext, body: CreateUserBody): Promise<UserWithRoles> {
    assertPermission(ctx.principal, 'users.manage');
    const passwordHash = await hashPassword(body.password);
    return this.db.transaction(async (tx) => {
      const orgUnit = await this.placementOf(tx, ctx, body.orgUnitId);
      const departmentId = await this.checkDepartment(tx, orgUnit, body.departmentId ?? null);
      const roleRows = await this.checkRoles(tx, ctx.principal, body.roleIds);
      const now = this.clock.now();
      const repo = new UserRepository(tx);
      const created = await repo
        .insert({
          username: body.username,
          displayName: body.displayName,
          orgUnitId: orgUnit.id,
          departmentId,
          email: body.email ?? null,
          phone: body.phone ?? null,
          passwordHash,
          passwordChangedAt: now,
          createdAt: now,
          updatedAt: now,
        })
        .catch((err) => {
          throw isUniqueViolation(err, 'users_username_uq') ? new AppError('USERNAME_TAKEN') : err;
        });
      await repo.setRoles(
        created.id,
        roleRows.map((r) => r.id),
      );
      const result = await this.load(tx, created.id, ctx.principal.orgPath);
      await this.audit.record(tx, ctx, {
        action: 'user.create',
        entityType: 'user',
        entityId: created.id,
        orgPath: orgUnit.path,
        after: { ...auditView(result), passwordSet: true },
      });
      return result;
    });
  }

  async update(ctx: RequestContext, id: string, body: UpdateUserBody): Promise<UserWithRoles> {
    assertPermission(ctx.principal, 'users.manage');
    const passwordHash = body.password ? await hashPassword(body.password) : undefined;
    const updated = await this.db.transaction(async (tx) => {
      const before = await this.load(tx, id, ctx.principal.orgPath);
      if (before.user.version !== body.version) throw new AppError('VERSION_CONFLICT');
      // Editing someone more powerful than yourself would let you take over their account.
      assertNoEscalation(
        ctx.principal,
        before.roles.flatMap((r) => r.permissions),
      );
      if (body.status === 'disabled' && id === ctx.principal.userId) throw new AppError('CANNOT_DISABLE_SELF');

      const now = this.clock.now();
      const orgUnit =
        body.orgUnitId !== undefined
          ? await this.placementOf(tx, ctx, body.orgUnitId)
          : ({ id: before.user.orgUnitId, path: before.user.orgPath } as OrgUnitRow);
      const patch: Parameters<UserRepository['update']>[2] = {};
      if (body.displayName !== undefined) patch.displayName = body.displayName;
      if (body.orgUnitId !== undefined) patch.orgUnitId = orgUnit.id;
      if (body.departmentId !== undefined || body.orgUnitId !== undefined) {
        const wanted = body.departmentId !== undefined ? body.departmentId : before.user.departmentId;
        patch.departmentId = await this.checkDepartment(tx, orgUnit, wanted);
      }
      if (body.email !== undefined) patch.email = body.email;
      if (body.phone !== undefined) patch.phone = body.phone;
      if (body.status !== undefined) patch.status = body.status;
      if (passwordHash) {
        patch.passwordHash = passwordHash;
        patch.passwordChangedAt = now;
      }
      if (body.unlock) await clearLoginBlocks(tx, before.user.username);
      const repo = new UserRepository(tx);
      const updated = await repo.update(id, body.version, patch, now);
      if (!updated) throw new AppError('VERSION_CONFLICT');
      if (body.roleIds) {
        const roleRows = await this.checkRoles(tx, ctx.principal, body.roleIds);
        await repo.setRoles(
          id,
          roleRows.map((r) => r.id),
        );
      }
      const endedSessions =
        body.status === 'disabled' || passwordHash ? await this.sessions.endAllForUser(id, { db: tx }) : 0;
      const after = await this.load(tx, id, ctx.principal.orgPath).catch(() => null);
      await this.audit.record(tx, ctx, {
        action: body.status === 'disabled' && before.user.status !== 'disabled' ? 'user.disable' : 'user.update',
        entityType: 'user',
        entityId: id,
        orgPath: orgUnit.path,
        before: auditView(before),
        after: after ? { ...auditView(after), passwordReset: Boolean(passwordHash), endedSessions } : null,
      });
      // Moving a user out of one's own subtree is allowed only inside scope, so `after` is always loadable.
      return after ?? (await this.load(tx, id, orgUnit.path));
    });
    this.sessions.forgetUser(id);
    return updated;
  }

  private async placementOf(db: Executor, ctx: RequestContext, orgUnitId: string): Promise<OrgUnitRow> {
    const unit = await new OrgUnitRepository(db).findInScope(orgUnitId, ctx.principal.orgPath);
    if (!unit) throw new AppError('ORG_UNIT_NOT_FOUND', { field: 'orgUnitId' });
    if (!unit.active || unit.type === 'department') throw new AppError('ORG_PARENT_INVALID', { field: 'orgUnitId' });
    return unit;
  }

  /** A department must belong to the user's node or one of its ancestors (a city company's or the group's). */
  private async checkDepartment(
    db: Executor,
    orgUnit: OrgUnitRow,
    departmentId: string | null,
  ): Promise<string | null> {
    if (!departmentId) return null;
    const dept = await new OrgUnitRepository(db).findById(departmentId);
    const parentPath = dept?.path.slice(0, dept.path.length - dept.id.length - 1);
    if (dept?.type !== 'department' || !dept.active || !parentPath || !orgUnit.path.startsWith(parentPath)) {
      throw new AppError('DEPARTMENT_INVALID', { field: 'departmentId' });
    }
    return dept.id;
  }

  private async checkRoles(db: Executor, principal: Principal, roleIds: string[]): Promise<RoleRow[]> {
    const rows = await new RoleRepository(db).findByIds([...new Set(roleIds)]);
    if (rows.length !== new Set(roleIds).size) throw new AppError('ROLE_NOT_FOUND', { field: 'roleIds' });
    assertNoEscalation(
      principal,
      rows.flatMap((r) => r.permissions),
    );
    return rows;
  }
}

const auditView = ({ user, roles }: UserWithRoles) => ({
  username: user.username,
  displayName: user.displayName,
  orgUnitId: user.orgUnitId,
  departmentId: user.departmentId,
  email: user.email,
  phone: maskPhone(user.phone),
  status: user.status,
  roles: roles.map((r) => r.key),
});
