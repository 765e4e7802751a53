import { randomUUID } from 'node:crypto';
import {
  ALLOWED_PARENTS,
  type CreateOrgUnitBody,
  type OrgUnitType,
  type Permission,
  type UpdateOrgUnitBody,
} from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { SessionService } from '../../platform/auth/session.service.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { AppError } from '../../platform/errors.js';
import { assertMay, assertPermission } from '../../platform/rbac/scope.js';
import type { OrgUnitRow } from './org.tables.js';
import { type OrgUnitFilter, OrgUnitRepository } from './org-unit.repository.js';

export class OrgUnitService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sessions: SessionService,
  ) {}

  list(ctx: RequestContext, filter: Omit<OrgUnitFilter, 'scopePath'>) {
    assertPermission(ctx.principal, 'org.read');
    return new OrgUnitRepository(this.db).list({ ...filter, scopePath: ctx.principal.orgPath });
  }

  async get(ctx: RequestContext, id: string): Promise<OrgUnitRow> {
    // an owner may read the nodes of their home's project (their scope), e.g. to register family there
    assertMay(ctx.principal, 'org.read', true);
    const row = await new OrgUnitRepository(this.db).findInScope(id, ctx.principal.orgPath);
    if (!row) throw new AppError('ORG_UNIT_NOT_FOUND');
    return row;
  }

  /**
   * `opts.db` runs inside a caller's transaction (as a savepoint); `opts.permission` lets a module create the
   * nodes it owns (projects under property.manage) without the general org.manage.
   */
  async create(
    ctx: RequestContext,
    body: CreateOrgUnitBody,
    opts: { db?: Executor; permission?: Permission } = {},
  ): Promise<OrgUnitRow> {
    assertPermission(ctx.principal, opts.permission ?? 'org.manage');
    return (opts.db ?? this.db).transaction(async (tx) => {
      const repo = new OrgUnitRepository(tx);
      const parent = await repo.findInScope(body.parentId, ctx.principal.orgPath);
      if (!parent) throw new AppError('ORG_UNIT_NOT_FOUND', { field: 'parentId' });
      assertParentAllowed(body.type, parent);
      const id = randomUUID();
      const now = this.clock.now();
      const row = await repo
        .insert({
          id,
          parentId: parent.id,
          type: body.type,
          departmentKind: body.departmentKind ?? null,
          name: body.name,
          code: body.code,
          path: `${parent.path}${id}/`,
          depth: parent.depth + 1,
          createdAt: now,
          updatedAt: now,
        })
        .catch((err) => {
          throw isUniqueViolation(err, 'org_units_sibling_code_uq') ? new AppError('ORG_CODE_TAKEN') : err;
        });
      await this.audit.record(tx, ctx, {
        action: 'org_unit.create',
        entityType: 'org_unit',
        entityId: id,
        orgPath: row.path,
        after: row,
      });
      return row;
    });
  }

  /**
   * Renames a project's node for the property module (which checks `property.manage`): a project's name lives on
   * its org unit. Returns false when the node is gone.
   */
  async renameProject(db: Executor, id: string, name: string, at: Date): Promise<boolean> {
    const repo = new OrgUnitRepository(db);
    const current = await repo.findById(id);
    if (current?.type !== 'project') return false;
    const renamed = Boolean(await repo.update(id, current.version, { name }, at));
    this.sessions.forgetAll();
    return renamed;
  }

  async update(ctx: RequestContext, id: string, body: UpdateOrgUnitBody): Promise<OrgUnitRow> {
    assertPermission(ctx.principal, 'org.manage');
    const result = await this.db.transaction(async (tx) => {
      const repo = new OrgUnitRepository(tx);
      const current = await repo.findInScope(id, ctx.principal.orgPath);
      if (!current) throw new AppError('ORG_UNIT_NOT_FOUND');
      if (current.version !== body.version) throw new AppError('VERSION_CONFLICT');
      const patch: Partial<OrgUnitRow> = {};
      if (body.name !== undefined) patch.name = body.name;
      if (body.code !== undefined) patch.code = body.code;
      if (body.active === false && current.active) {
        if (current.id === ctx.principal.orgUnitId) throw new AppError('OUT_OF_SCOPE');
        if (await repo.hasActiveDescendantsOrUsers(current.path, current.id))
          throw new AppError('ORG_HAS_ACTIVE_CHILDREN');
      }
      if (body.active !== undefined) patch.active = body.active;

      const moving = body.parentId !== undefined && body.parentId !== current.parentId;
      let newPath = current.path;
      if (moving) {
        // The principal's own node anchors its scope: moving it (or the root) would change what it may see.
        if (current.id === ctx.principal.orgUnitId || current.parentId === null) throw new AppError('OUT_OF_SCOPE');
        const parent = await repo.findInScope(body.parentId as string, ctx.principal.orgPath);
        if (!parent) throw new AppError('ORG_UNIT_NOT_FOUND', { field: 'parentId' });
        if (parent.path.startsWith(current.path)) throw new AppError('ORG_PARENT_INVALID', { reason: 'cycle' });
        assertParentAllowed(current.type as OrgUnitType, parent);
        newPath = `${parent.path}${current.id}/`;
        patch.parentId = parent.id;
        patch.path = newPath;
        patch.depth = parent.depth + 1;
      }
      const updated = await repo.update(id, body.version, patch, this.clock.now()).catch((err) => {
        throw isUniqueViolation(err, 'org_units_sibling_code_uq') ? new AppError('ORG_CODE_TAKEN') : err;
      });
      if (!updated) throw new AppError('VERSION_CONFLICT');
      if (moving) await repo.rewriteDescendantPaths(current.path, newPath, updated.depth - current.depth);
      await this.audit.record(tx, ctx, {
        action: moving ? 'org_unit.move' : 'org_unit.update',
        entityType: 'org_unit',
        entityId: id,
        orgPath: updated.path,
        before: current,
        after: updated,
      });
      return updated;
    });
    // Principals carry their node's path and name.
    this.sessions.forgetAll();
    return result;
  }
}

function assertParentAllowed(type: OrgUnitType, parent: OrgUnitRow) {
  if (!parent.active) throw new AppError('ORG_PARENT_INVALID', { reason: 'parent inactive' });
  if (!ALLOWED_PARENTS[type].includes(parent.type as OrgUnitType)) {
    throw new AppError('ORG_PARENT_INVALID', { type, parentType: parent.type });
  }
}
