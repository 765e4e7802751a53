import type {
  PropertyHandover,
  RecordPropertyHandoverBody,
  ratePropertyHandoverBody,
} from '@anju/contracts/property-handover';
import type { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { HandoverBookingService } from '../handover/handover-booking.service.js';
import { PropertyHandoverRepository, type PropertyHandoverRow } from './property-handover.repository.js';

/**
 * The hand-over of a delivery batch to the property company (移交物业): engineering records what was handed over
 * and when; the property company gives its verdict on timeliness and completeness once (KPI K10). A rated record no
 * longer changes.
 */
export class PropertyHandoverService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly batches: HandoverBookingService,
  ) {}

  async get(ctx: RequestContext, batchId: string) {
    assertPermission(ctx.principal, 'journeys.read');
    const batch = await this.batches.batch(ctx, batchId);
    const row = await new PropertyHandoverRepository(this.db).find(batch.id);
    return { handover: row ? await this.present(row) : null };
  }

  async record(ctx: RequestContext, batchId: string, body: RecordPropertyHandoverBody) {
    assertPermission(ctx.principal, 'journeys.work');
    const batch = await this.batches.batch(ctx, batchId);
    if (body.handedOverOn > chinaDate(this.clock.now())) {
      throw new AppError('VALIDATION_FAILED', { field: 'handedOverOn', reason: 'must not be in the future' });
    }
    const repo = new PropertyHandoverRepository(this.db);
    const existing = await repo.find(batch.id);
    if (existing?.ratedAt) throw new AppError('PROPERTY_HANDOVER_RATED');
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const row = await new PropertyHandoverRepository(tx).record(
        batch,
        {
          handedOverOn: body.handedOverOn,
          items: body.items.map((i) => ({ code: i.code, quantity: i.quantity, note: i.note || null })),
          note: body.note || null,
          recordedBy: ctx.principal.userId,
        },
        body.version,
        now,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'property_handover.record',
        entityType: 'delivery_batch',
        entityId: batch.id,
        orgPath: batch.orgPath,
        after: { handedOverOn: row.handedOverOn, items: body.items.length },
      });
      return row;
    });
    return this.present(row);
  }

  /** The property company's verdict: its own staff (a property-company department), or a CR manager from its form. */
  async rate(ctx: RequestContext, batchId: string, body: z.output<typeof ratePropertyHandoverBody>) {
    assertPermission(ctx.principal, 'journeys.work');
    const batch = await this.batches.batch(ctx, batchId);
    if (!ctx.principal.permissions.has('journeys.manage')) {
      const department = await this.directory.departmentOf(ctx.principal.userId);
      const node = department ? await this.directory.node(department) : null;
      if (node?.departmentKind !== 'property_company') throw new AppError('PROPERTY_HANDOVER_RATER');
    }
    const repo = new PropertyHandoverRepository(this.db);
    const existing = await repo.find(batch.id);
    if (!existing) throw new AppError('PROPERTY_HANDOVER_NOT_FOUND');
    if (existing.ratedAt) throw new AppError('PROPERTY_HANDOVER_RATED');
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const row = await new PropertyHandoverRepository(tx).rate(
        batch.id,
        body.version,
        {
          timely: body.timely,
          complete: body.complete,
          ratingComment: body.comment || null,
          ratedBy: ctx.principal.userId,
        },
        now,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'property_handover.rate',
        entityType: 'delivery_batch',
        entityId: batch.id,
        orgPath: batch.orgPath,
        after: { timely: body.timely, complete: body.complete },
      });
      return row;
    });
    return this.present(row);
  }

  private async present(r: PropertyHandoverRow): Promise<PropertyHandover> {
    const users = new Map((await this.directory.users([r.recordedBy, r.ratedBy])).map((u) => [u.id, u.displayName]));
    const rated = r.ratedAt !== null;
    return {
      batchId: r.batchId,
      projectId: r.projectId,
      handedOverOn: r.handedOverOn,
      items: r.items as PropertyHandover['items'],
      note: r.note,
      recordedAt: r.recordedAt.toISOString(),
      recordedByName: r.recordedBy ? (users.get(r.recordedBy) ?? null) : null,
      timely: r.timely,
      complete: r.complete,
      ratingComment: r.ratingComment,
      ratedAt: r.ratedAt?.toISOString() ?? null,
      ratedByName: r.ratedBy ? (users.get(r.ratedBy) ?? null) : null,
      satisfied: rated ? r.timely === true && r.complete === true : null,
      version: r.version,
    };
  }
}
