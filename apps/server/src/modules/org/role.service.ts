import type { Permission } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { RoleRow } from './org.tables.js';
import { OrgUnitRepository } from './org-unit.repository.js';
import { RoleRepository } from './user.repository.js';
import { assertNoEscalation } from './user.service.js';

/** Roles are group-wide: only principals at the root may change them, and events about them sit at the root. */
export class RoleService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  list(ctx: RequestContext): Promise<RoleRow[]> {
    assertPermission(ctx.principal, 'roles.read');
    return new RoleRepository(this.db).list();
  }

  private async rootPathFor(ctx: RequestContext) {
    const root = await new OrgUnitRepository(this.db).findRoot();
    if (!root || ctx.principal.orgPath !== root.path) throw new AppError('OUT_OF_SCOPE');
    return root.path;
  }

  async create(ctx: RequestContext, body: { key: string; nameZh: string; nameEn: string; permissions: Permission[] }) {
    assertPermission(ctx.principal, 'roles.manage');
    const rootPath = await this.rootPathFor(ctx);
    assertNoEscalation(ctx.principal, body.permissions);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await new RoleRepository(tx)
        .insert({
          ...body,
          permissions: [...new Set(body.permissions)],
          builtin: false,
          createdAt: now,
          updatedAt: now,
        })
        .catch((err) => {
          throw isUniqueViolation(err, 'roles_key_uq') ? new AppError('ROLE_KEY_TAKEN') : err;
        });
      await this.audit.record(tx, ctx, {
        action: 'role.create',
        entityType: 'role',
        entityId: row.id,
        orgPath: rootPath,
        after: row,
      });
      return row;
    });
  }

  async update(
    ctx: RequestContext,
    id: string,
    body: { version: number; nameZh?: string; nameEn?: string; permissions?: Permission[] },
  ) {
    assertPermission(ctx.principal, 'roles.manage');
    const rootPath = await this.rootPathFor(ctx);
    const updated = await this.db.transaction(async (tx) => {
      const repo = new RoleRepository(tx);
      const before = await repo.findById(id);
      if (!before) throw new AppError('ROLE_NOT_FOUND');
      if (before.version !== body.version) throw new AppError('VERSION_CONFLICT');
      if (body.permissions) assertNoEscalation(ctx.principal, body.permissions);
      const { version, ...rest } = body;
      const patch = { ...rest, ...(rest.permissions ? { permissions: [...new Set(rest.permissions)] } : {}) };
      const row = await repo.update(id, version, patch, this.clock.now());
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'role.update',
        entityType: 'role',
        entityId: id,
        orgPath: rootPath,
        before,
        after: row,
      });
      return row;
    });
    this.sessions.forgetAll();
    return updated;
  }
}
