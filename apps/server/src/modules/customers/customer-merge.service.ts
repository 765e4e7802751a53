import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { CUSTOMER_EVENTS, type CustomerMerged } from './customer.events.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import type { TimelineService } from './timeline.service.js';

/**
 * Folds a duplicate (source) into the record that stays (target), in one transaction: phones, homes, family,
 * referrals, consents, visibility, timeline and duplicate flags move; the source stays as a tombstone that
 * points at the target, so old links still resolve.
 */
export class CustomerMergeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly customers: CustomerService,
    private readonly events: EventBus,
  ) {}

  async merge(ctx: RequestContext, targetId: string, sourceId: string, reason: string) {
    assertPermission(ctx.principal, 'customers.manage');
    if (targetId === sourceId) throw new AppError('MERGE_SAME_CUSTOMER');
    return this.db.transaction(async (tx) => {
      const target = await this.customers.get(ctx, targetId, tx);
      const source = await this.customers.get(ctx, sourceId, tx);
      if (target.anonymisedAt || source.anonymisedAt) throw new AppError('CUSTOMER_ANONYMISED');
      const t = targetId;
      const s = sourceId;
      const repo = new CustomerRepository(tx);
      await repo.repoint(s, t);
      const now = this.clock.now();
      const tombstone = await repo.update(s, source.version, { mergedInto: t }, now);
      if (!tombstone) throw new AppError('VERSION_CONFLICT');
      const mergedTags = [...new Set([...target.tags, ...source.tags])];
      await repo.update(
        t,
        target.version,
        {
          tags: mergedTags,
          idNumberEnc: target.idNumberEnc ?? source.idNumberEnc,
          idNumberHash: target.idNumberHash ?? source.idNumberHash,
          idNumberMasked: target.idNumberMasked ?? source.idNumberMasked,
        },
        now,
      );
      await repo.recomputeKinds(t);
      await this.timeline.add(tx, ctx, {
        customerId: t,
        kind: 'merged',
        title: `合并重复客户 ${source.name}`,
        data: { code: 'customer.merged', name: source.name },
        body: reason,
        orgPath: ctx.principal.orgPath,
        refType: 'customer',
        refId: s,
      });
      await this.audit.record(tx, ctx, {
        action: 'customer.merge',
        entityType: 'customer',
        entityId: t,
        orgPath: ctx.principal.orgPath,
        before: { target: { id: t, name: target.name }, source: { id: s, name: source.name } },
        after: { mergedInto: t },
        reason,
      });
      const merged: CustomerMerged = { sourceId: s };
      await this.events.record(tx, ctx, [
        {
          name: CUSTOMER_EVENTS.merged,
          subjectType: 'customer',
          subjectId: t,
          orgPath: ctx.principal.orgPath,
          payload: merged,
        },
      ]);
      return t;
    });
  }
}
