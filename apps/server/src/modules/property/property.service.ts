import { PART_CATEGORIES, type PartCategory, STATUTORY_WARRANTY } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertMay, assertPermission, isRootPath } from '../../platform/rbac/scope.js';
import type { OrgUnitService } from '../org/org-unit.service.js';
import { PROPERTY_EVENTS, type UnitDelivered } from './property.events.js';
import { PropertyRepository } from './property.repository.js';
import { UnitLookup } from './unit-lookup.js';
import { periodMonths, type WarrantyPeriod, warrantyStatus } from './warranty.js';

export type EffectiveRule = WarrantyPeriod & {
  id: string | null;
  projectId: string | null;
  partCategory: PartCategory;
  note: string | null;
  version: number;
  source: 'project' | 'default';
};

/** Projects, buildings, units and warranty rules; scope follows the project's node in the org tree. */
export class PropertyService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly orgUnits: OrgUnitService,
    private readonly events: EventBus,
  ) {}

  private repo() {
    return new PropertyRepository(this.db);
  }

  listProjects(ctx: RequestContext, f: { cityCompanyId?: string; q?: string; afterCode?: string; limit: number }) {
    assertPermission(ctx.principal, 'property.read');
    return this.repo().listProjects({ ...f, scopePath: ctx.principal.orgPath });
  }

  async getProject(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'property.read');
    const row = await this.repo().findProject(id, ctx.principal.orgPath);
    if (!row) throw new AppError('PROJECT_NOT_FOUND');
    return row;
  }

  async createProject(
    ctx: RequestContext,
    body: {
      cityCompanyId: string;
      name: string;
      code: string;
      address: string;
      productTypes: string[];
      finishStandard: string;
      description?: string | null;
    },
  ) {
    assertPermission(ctx.principal, 'property.manage');
    const id = await this.db.transaction(async (tx) => {
      const node = await this.orgUnits.create(
        ctx,
        { parentId: body.cityCompanyId, type: 'project', name: body.name, code: body.code },
        { db: tx, permission: 'property.manage' },
      );
      const now = this.clock.now();
      const repo = new PropertyRepository(tx);
      await repo.insertProject({
        orgUnitId: node.id,
        address: body.address,
        finishStandard: body.finishStandard,
        description: body.description ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await repo.setActiveProductTypes(node.id, [...new Set(body.productTypes)], now);
      await this.audit.record(tx, ctx, {
        action: 'project.create',
        entityType: 'project',
        entityId: node.id,
        orgPath: node.path,
        after: body,
      });
      return node.id;
    });
    return this.getProject(ctx, id);
  }

  async updateProject(
    ctx: RequestContext,
    id: string,
    body: {
      version: number;
      name?: string;
      address?: string;
      productTypes?: string[];
      finishStandard?: string;
      description?: string | null;
    },
  ) {
    assertPermission(ctx.principal, 'property.manage');
    const before = await this.getProject(ctx, id);
    const { version, name, productTypes, ...patch } = body;
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await new PropertyRepository(tx).updateProject(id, version, patch, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      // the list replaces the active product types (the product_types table is the one source)
      if (productTypes) await new PropertyRepository(tx).setActiveProductTypes(id, [...new Set(productTypes)], now);
      if (name !== undefined && name !== before.name) {
        if (!(await this.orgUnits.renameProject(tx, id, name, now))) throw new AppError('VERSION_CONFLICT');
      }
      await this.audit.record(tx, ctx, {
        action: 'project.update',
        entityType: 'project',
        entityId: id,
        orgPath: before.path,
        before,
        after: productTypes ? { ...row, productTypes } : row,
      });
    });
    return this.getProject(ctx, id);
  }

  /** A project's product types (active and not), in their order. */
  async listProductTypes(ctx: RequestContext, projectId: string) {
    await this.getProject(ctx, projectId);
    return this.repo().listProductTypes(projectId);
  }

  /** Adds a product type to a project's list or edits its name, order or active flag (property.manage; audited). */
  async upsertProductType(
    ctx: RequestContext,
    projectId: string,
    code: string,
    body: { name: string; sort: number; active: boolean },
  ) {
    assertPermission(ctx.principal, 'property.manage');
    const project = await this.getProject(ctx, projectId);
    return this.db.transaction(async (tx) => {
      const repo = new PropertyRepository(tx);
      const before = await repo.findProductType(projectId, code);
      const after = await repo.upsertProductType({ projectId, code, ...body, updatedAt: this.clock.now() });
      await this.audit.record(tx, ctx, {
        action: 'product_type.upsert',
        entityType: 'project',
        entityId: projectId,
        orgPath: project.path,
        before: before ? { code, name: before.name, sort: before.sort, active: before.active } : null,
        after: { code, ...body },
      });
      return after;
    });
  }

  /** Refuses a product type that is not an active type of the project (400 naming the field). */
  async assertProductType(
    db: Db | Executor,
    projectId: string,
    code: string | null | undefined,
    field = 'productType',
  ) {
    if (code === null || code === undefined) return;
    const known = await new PropertyRepository(db).activeProductTypes(projectId, [code]);
    if (!known.has(code)) {
      throw new AppError('VALIDATION_FAILED', { field, reason: `not an active product type of the project: ${code}` });
    }
  }

  async listBuildings(ctx: RequestContext, projectId: string) {
    await this.getProject(ctx, projectId);
    return this.repo().listBuildings(projectId);
  }

  async createBuilding(
    ctx: RequestContext,
    projectId: string,
    body: { phase: string; code: string; name: string; floors?: number | null },
  ) {
    assertPermission(ctx.principal, 'property.manage');
    const project = await this.getProject(ctx, projectId);
    return this.db.transaction(async (tx) => {
      const row = await new PropertyRepository(tx)
        .insertBuilding({ projectId, phase: body.phase, code: body.code, name: body.name, floors: body.floors ?? null })
        .catch((err) => {
          throw isUniqueViolation(err) ? new AppError('ORG_CODE_TAKEN') : err;
        });
      await this.audit.record(tx, ctx, {
        action: 'building.create',
        entityType: 'building',
        entityId: row?.id ?? null,
        orgPath: project.path,
        after: body,
      });
      return row;
    });
  }

  listUnits(ctx: RequestContext, f: Omit<Parameters<PropertyRepository['listUnits']>[0], 'scopePath'>) {
    assertPermission(ctx.principal, 'property.read');
    return this.repo().listUnits({ ...f, scopePath: ctx.principal.orgPath });
  }

  async getUnit(ctx: RequestContext, id: string) {
    assertMay(ctx.principal, 'property.read', true);
    const unit = await this.repo().findUnit(id, ctx.principal.orgPath);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    return unit;
  }

  /** A unit in the caller's scope, as other modules see it (tickets). */
  async unitRef(ctx: RequestContext, id: string) {
    const unit = await new UnitLookup(this.db).byIdInScope(id, ctx.principal.orgPath);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    return unit;
  }

  async updateUnit(ctx: RequestContext, id: string, body: { version: number } & Record<string, unknown>) {
    assertPermission(ctx.principal, 'property.manage');
    const before = await this.getUnit(ctx, id);
    const { version, ...patch } = body;
    if (patch.productType !== before.productType) {
      await this.assertProductType(this.db, before.projectId, patch.productType as string | null | undefined);
    }
    await this.db.transaction(async (tx) => {
      const row = await new PropertyRepository(tx).updateUnit(id, version, patch, this.clock.now());
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'unit.update',
        entityType: 'unit',
        entityId: id,
        orgPath: before.projectPath,
        before,
        after: row,
      });
      if (row.status === 'delivered' && before.status !== 'delivered') {
        const delivered: UnitDelivered = {
          projectId: row.projectId,
          deliveredOn: row.deliveredOn,
          batchId: row.deliveryBatchId,
        };
        await this.events.record(tx, ctx, [
          {
            name: PROPERTY_EVENTS.unitDelivered,
            subjectType: 'unit',
            subjectId: id,
            orgPath: before.projectPath,
            payload: delivered,
          },
        ]);
      }
    });
    return this.getUnit(ctx, id);
  }

  /** Defaults merged with the project's overrides: one rule per part category. */
  async effectiveRules(ctx: RequestContext, projectId: string | null): Promise<EffectiveRule[]> {
    assertPermission(ctx.principal, 'property.read');
    if (projectId) await this.getProject(ctx, projectId);
    return this.rulesOf(projectId);
  }

  private async rulesOf(projectId: string | null): Promise<EffectiveRule[]> {
    const rows = await this.repo().warrantyRules(projectId);
    return PART_CATEGORIES.flatMap((category): EffectiveRule[] => {
      const rule =
        rows.find((r) => r.partCategory === category && r.projectId === projectId) ??
        rows.find((r) => r.partCategory === category && r.projectId === null);
      const statutory = STATUTORY_WARRANTY[category];
      if (!rule)
        return [
          {
            id: null,
            projectId: null,
            partCategory: category,
            note: null,
            version: 0,
            source: 'default' as const,
            ...statutory,
          },
        ];
      return [
        {
          id: rule.id,
          projectId: rule.projectId,
          partCategory: category,
          kind: rule.periodKind as WarrantyPeriod['kind'],
          value: rule.periodValue,
          note: rule.note,
          version: rule.version,
          source: rule.projectId ? ('project' as const) : ('default' as const),
        },
      ];
    });
  }

  async upsertRule(
    ctx: RequestContext,
    body: {
      projectId: string | null;
      partCategory: PartCategory;
      periodKind: WarrantyPeriod['kind'];
      periodValue: number;
      note?: string | null;
    },
  ) {
    assertPermission(ctx.principal, 'property.manage');
    let orgPath = ctx.principal.orgPath;
    if (body.projectId) orgPath = (await this.getProject(ctx, body.projectId)).path;
    else if (!isRootPath(ctx.principal.orgPath))
      throw new AppError('OUT_OF_SCOPE', { reason: 'company-wide defaults are set at group level' });
    const statutory = STATUTORY_WARRANTY[body.partCategory];
    if (periodMonths({ kind: body.periodKind, value: body.periodValue }) < periodMonths(statutory)) {
      throw new AppError('WARRANTY_BELOW_STATUTORY', { statutory });
    }
    return this.db.transaction(async (tx) => {
      const { before, after } = await new PropertyRepository(tx).upsertWarrantyRule(
        {
          projectId: body.projectId,
          partCategory: body.partCategory,
          periodKind: body.periodKind,
          periodValue: body.periodValue,
          note: body.note ?? null,
        },
        this.clock.now(),
      );
      await this.audit.record(tx, ctx, {
        action: 'warranty_rule.upsert',
        entityType: 'warranty_rule',
        entityId: after.id,
        orgPath,
        before,
        after,
      });
      return after;
    });
  }

  /** "Is this part of this unit under warranty on date D, until when?" — per part category. */
  async unitWarranty(ctx: RequestContext, unitId: string, on: string | undefined, category?: PartCategory) {
    const unit = await this.getUnit(ctx, unitId);
    return this.warrantyOfUnit(
      ctx,
      { id: unitId, projectId: unit.projectId, deliveredOn: unit.deliveredOn },
      on,
      category,
    );
  }

  /** The warranty of a unit the caller has read in scope already (`unitRef`): one read of the rules. */
  async warrantyOfUnit(
    ctx: RequestContext,
    unit: { id: string; projectId: string; deliveredOn: string | null },
    on: string | undefined,
    category?: PartCategory,
  ) {
    // an owner reads the warranty of the homes the portal shows them (their project's scope)
    assertMay(ctx.principal, 'property.read', true);
    const day = on ?? this.clock.now().toISOString().slice(0, 10);
    const rules = await this.rulesOf(unit.projectId);
    return {
      unitId: unit.id,
      deliveredOn: unit.deliveredOn,
      on: day,
      items: rules
        .filter((r) => !category || r.partCategory === category)
        .map((r) => ({
          partCategory: r.partCategory,
          ...warrantyStatus({ deliveredOn: unit.deliveredOn, period: r, on: day }),
          rule: { kind: r.kind, value: r.value, source: r.source },
        })),
    };
  }
}
