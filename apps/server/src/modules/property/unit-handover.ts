import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Executor } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { PROPERTY_EVENTS, type UnitDelivered } from './property.events.js';
import { UnitHandoverRepository } from './unit-handover.repository.js';

/**
 * The named command of the handover day (journeys): the owner signed for the keys, so a unit still `sold` becomes
 * `delivered` on that day and `unit.delivered` is published in the caller's transaction. A unit its batch's delivery
 * already marked delivered (or one moved in) keeps its status; the signature's date reaches the ownership instead.
 * The calling module has authorised the staff member for the handover.
 */
export class UnitHandoverCommand {
  constructor(
    private readonly clock: Clock,
    private readonly events: EventBus,
  ) {}

  async deliver(tx: Executor, ctx: RequestContext, unit: { id: string; projectPath: string }, date: string) {
    const row = await new UnitHandoverRepository(tx).deliver(unit.id, date, this.clock.now());
    if (!row) return false;
    const payload: UnitDelivered = { projectId: row.projectId, deliveredOn: date, batchId: row.deliveryBatchId };
    await this.events.record(tx, ctx, [
      {
        name: PROPERTY_EVENTS.unitDelivered,
        subjectType: 'unit',
        subjectId: row.id,
        orgPath: unit.projectPath,
        payload,
      },
    ]);
    return true;
  }
}
