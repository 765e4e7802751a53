import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { type BatchEvent, PROPERTY_EVENTS, type UnitDelivered } from './property.events.js';
import { DeliveryBatchRepository } from './property.repository.js';
import type { PropertyService } from './property.service.js';

type BatchInput = {
  name: string;
  plannedDate?: string | null;
  actualDate?: string | null;
  /** When the area-survey report (面积实测报告) of the batch was issued. */
  areaReportDate?: string | null;
};

/**
 * Asked inside the transaction that delivers a batch (sets its actual date); throws to refuse. `overrideReason` is
 * the reason a manager gave to deliver anyway. Registered by the modules that can hold a delivery back (journeys:
 * open blocking findings of the simulated acceptance).
 */
export type DeliveryGuard = (
  tx: Executor,
  ctx: RequestContext,
  batch: { id: string; orgPath: string },
  overrideReason?: string,
) => Promise<void>;

/** Mass deliveries (集中交付): a batch has planned and actual dates and the units handed over in it. */
export class DeliveryBatchService {
  private readonly guards: DeliveryGuard[] = [];

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly property: PropertyService,
    private readonly events: EventBus,
  ) {}

  guardDelivery(guard: DeliveryGuard) {
    this.guards.push(guard);
  }

  async list(ctx: RequestContext, projectId: string) {
    await this.property.getProject(ctx, projectId);
    return new DeliveryBatchRepository(this.db).list(projectId);
  }

  async create(ctx: RequestContext, projectId: string, input: BatchInput) {
    assertPermission(ctx.principal, 'property.manage');
    const project = await this.property.getProject(ctx, projectId);
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const row = await new DeliveryBatchRepository(tx).insert({
        projectId,
        name: input.name,
        plannedDate: input.plannedDate ?? null,
        actualDate: input.actualDate ?? null,
        areaReportDate: input.areaReportDate ?? null,
        createdAt: now,
        updatedAt: now,
      });
      await this.audit.record(tx, ctx, {
        action: 'delivery_batch.create',
        entityType: 'delivery_batch',
        entityId: row.id,
        orgPath: project.path,
        after: row,
      });
      await this.events.record(tx, ctx, [
        {
          name: PROPERTY_EVENTS.batchPlanned,
          subjectType: 'delivery_batch',
          subjectId: row.id,
          orgPath: project.path,
          payload: batchEvent(row),
        },
      ]);
      return row;
    });
  }

  private async batchInScope(ctx: RequestContext, id: string) {
    const batch = await new DeliveryBatchRepository(this.db).find(id);
    if (!batch) throw new AppError('DELIVERY_BATCH_NOT_FOUND');
    const project = await this.property.getProject(ctx, batch.projectId).catch(() => {
      throw new AppError('DELIVERY_BATCH_NOT_FOUND');
    });
    return { batch, project };
  }

  async update(
    ctx: RequestContext,
    id: string,
    input: Partial<BatchInput> & { version: number; overrideReason?: string },
  ) {
    assertPermission(ctx.principal, 'property.manage');
    const { batch, project } = await this.batchInScope(ctx, id);
    const { version, overrideReason, ...patch } = input;
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const repo = new DeliveryBatchRepository(tx);
      const row = await repo.update(id, version, patch, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (row.plannedDate !== batch.plannedDate) {
        await this.events.record(tx, ctx, [
          {
            name: PROPERTY_EVENTS.batchPlanned,
            subjectType: 'delivery_batch',
            subjectId: row.id,
            orgPath: project.path,
            payload: batchEvent(row),
          },
        ]);
      }
      // Setting the actual date delivers the batch's sold units on that day.
      if (row.actualDate && row.actualDate !== batch.actualDate) {
        for (const guard of this.guards) await guard(tx, ctx, { id, orgPath: project.path }, overrideReason);
        const delivered = (await repo.deliverBatch(row, now)).filter((u) => u.status === 'delivered');
        const unitDelivered: UnitDelivered = { projectId: row.projectId, deliveredOn: row.actualDate, batchId: row.id };
        await this.events.record(tx, ctx, [
          {
            name: PROPERTY_EVENTS.batchDelivered,
            subjectType: 'delivery_batch',
            subjectId: row.id,
            orgPath: project.path,
            payload: batchEvent(row),
          },
          ...delivered.map((u) => ({
            name: PROPERTY_EVENTS.unitDelivered,
            subjectType: 'unit',
            subjectId: u.id,
            orgPath: project.path,
            payload: unitDelivered,
          })),
        ]);
      }
      await this.audit.record(tx, ctx, {
        action: 'delivery_batch.update',
        entityType: 'delivery_batch',
        entityId: id,
        orgPath: project.path,
        before: batch,
        after: row,
      });
      return row;
    });
  }

  async assignUnits(ctx: RequestContext, id: string, unitIds: string[]) {
    assertPermission(ctx.principal, 'property.manage');
    const { batch, project } = await this.batchInScope(ctx, id);
    return this.db.transaction(async (tx) => {
      const changed = await new DeliveryBatchRepository(tx).assignUnits(batch, unitIds, this.clock.now());
      await this.events.record(tx, ctx, [
        {
          name: PROPERTY_EVENTS.batchPlanned,
          subjectType: 'delivery_batch',
          subjectId: batch.id,
          orgPath: project.path,
          payload: batchEvent(batch),
        },
      ]);
      await this.audit.record(tx, ctx, {
        action: 'delivery_batch.assign_units',
        entityType: 'delivery_batch',
        entityId: id,
        orgPath: project.path,
        after: { units: changed },
      });
      return changed;
    });
  }
}

const batchEvent = (b: { projectId: string; plannedDate: string | null; actualDate: string | null }): BatchEvent => ({
  projectId: b.projectId,
  plannedDate: b.plannedDate,
  actualDate: b.actualDate,
});
