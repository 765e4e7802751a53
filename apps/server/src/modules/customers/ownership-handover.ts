import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { UnitRef } from '../property/unit-lookup.js';
import { CUSTOMER_EVENTS, type OwnershipEvent } from './customer.events.js';
import { OwnershipHandoverRepository } from './ownership-handover.repository.js';
import type { TimelineService } from './timeline.service.js';

/**
 * The named command of the handover day (journeys): the owner signed for the keys, so the home's handover date is
 * set. The calling module has authorised the staff member for the handover; recording its date is part of that.
 * Runs in the caller's transaction: the timeline entry and `ownership.changed` (the journey planner re-plans the
 * household's handover and move-in steps) commit with the signature.
 */
export class OwnershipHandoverCommand {
  constructor(
    private readonly db: Db,
    private readonly timeline: TimelineService,
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  async recordHandover(tx: Executor, ctx: RequestContext, ownershipId: string, unit: UnitRef, date: string) {
    const row = await new OwnershipHandoverRepository(tx).setDeliveryDate(ownershipId, date, this.clock.now());
    if (!row) throw new AppError('OWNERSHIP_NOT_FOUND');
    await this.timeline.add(tx, ctx, {
      customerId: row.customerId,
      kind: 'ownership',
      title: `签字收房 ${unit.projectName} ${unit.code}`,
      orgPath: unit.projectPath,
      refType: 'unit',
      refId: unit.id,
      data: { code: 'ownership.handed_over', project: unit.projectName, unit: unit.code, date },
    });
    const payload: OwnershipEvent = {
      customerId: row.customerId,
      unitId: row.unitId,
      projectId: unit.projectId,
      firstVisitDate: row.firstVisitDate ?? null,
      contractDate: row.contractDate,
      deliveryDate: row.deliveryDate,
      moveInDate: row.moveInDate,
      paymentStatus: row.paymentStatus as OwnershipEvent['paymentStatus'],
      via: 'staff',
    };
    await this.events.record(tx, ctx, [
      {
        name: CUSTOMER_EVENTS.ownershipChanged,
        subjectType: 'ownership',
        subjectId: row.id,
        orgPath: unit.projectPath,
        payload,
      },
    ]);
    return row;
  }

  /** People's names by id (the handover board shows who each household is). */
  async names(ids: string[]): Promise<Map<string, string>> {
    const rows = await new OwnershipHandoverRepository(this.db).names(ids);
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
