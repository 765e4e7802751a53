import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/pg-errors.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { UnitLookup, type UnitRef } from '../property/unit-lookup.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import { ownerships } from './customer.tables.js';
import type { TimelineService } from './timeline.service.js';

export type OwnershipInput = {
  unitId: string;
  contractDate?: string | null;
  sharePercent?: number | null;
  deliveryDate?: string | null;
  moveInDate?: string | null;
};

/** Homes and other relations; each one also makes the customer visible under the relation's org node. */
export class CustomerRelationsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly customers: CustomerService,
  ) {}

  async addOwnership(ctx: RequestContext, customerId: string, input: OwnershipInput) {
    assertPermission(ctx.principal, 'customers.manage');
    await this.customers.get(ctx, customerId);
    const unit = await new UnitLookup(this.db).byIdInScope(input.unitId, ctx.principal.orgPath);
    if (!unit) throw new AppError('UNIT_NOT_FOUND');
    return this.db.transaction((tx) => this.linkOwnership(tx, ctx, customerId, unit, input));
  }

  /** Creates or updates the ownership of a unit (used by addOwnership and by the roster import). */
  async linkOwnership(tx: Executor, ctx: RequestContext, customerId: string, unit: UnitRef, input: OwnershipInput) {
    const now = this.clock.now();
    const values = {
      contractDate: input.contractDate ?? null,
      sharePercent: input.sharePercent ?? null,
      deliveryDate: input.deliveryDate ?? unit.deliveredOn ?? null,
      moveInDate: input.moveInDate ?? null,
    };
    const [row] = await tx
      .insert(ownerships)
      .values({ customerId, unitId: unit.id, ...values, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [ownerships.customerId, ownerships.unitId],
        set: { ...values, active: true, updatedAt: now },
      })
      .returning()
      .catch((err) => {
        throw isUniqueViolation(err) ? new AppError('VERSION_CONFLICT') : err;
      });
    if (!row) throw new AppError('INTERNAL');
    const repo = new CustomerRepository(tx);
    await repo.linkScope(customerId, unit.projectPath, 'ownership', row.id);
    await repo.recomputeKinds(customerId);
    await this.timeline.add(tx, ctx, {
      customerId,
      kind: 'ownership',
      title: `房产 ${unit.projectName} ${unit.code}`,
      orgPath: unit.projectPath,
      refType: 'unit',
      refId: unit.id,
      data: values,
    });
    await this.audit.record(tx, ctx, {
      action: 'ownership.add',
      entityType: 'customer',
      entityId: customerId,
      orgPath: unit.projectPath,
      after: { unit: unit.code, project: unit.projectName, ...values },
    });
    return row;
  }
}
