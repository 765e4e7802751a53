import type { UpsertHandoverSlotsBody } from '@anju/contracts/handover';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/pg-errors.js';
import { AppError } from '../../../platform/errors.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import type { JourneySubjectRow } from '../journey.tables.js';
import type { JourneyPlanner } from '../journey-planner.js';
import { HandoverRepository, type NewSlot } from './handover.repository.js';
import type { HandoverAppointmentRow } from './handover.tables.js';

const DAY_MS = 86_400_000;
export type HandoverBatch = Pick<JourneySubjectRow, 'id' | 'projectId' | 'orgPath'>;
export type Household = Pick<JourneySubjectRow, 'id' | 'unitId' | 'customerId' | 'batchId'>;

/**
 * The slots of a batch's handover day and the bookings in them. A booking takes a place with one conditional
 * update (`booked < capacity`), so two desks (or a desk and an owner) cannot both take the last place; moving a
 * booking frees the old place in the same transaction.
 */
export class HandoverBookingService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly planner: JourneyPlanner,
  ) {}

  /** The batch within the caller's subtree (synced from the property records when journeys has not seen it yet). */
  async batch(ctx: RequestContext, batchId: string): Promise<JourneySubjectRow> {
    const repo = new HandoverRepository(this.db);
    let row = await repo.batch(batchId, ctx.principal.orgPath);
    if (!row) {
      await this.db.transaction((tx) => this.planner.sync(tx, { batchIds: [batchId] }));
      row = await repo.batch(batchId, ctx.principal.orgPath);
    }
    if (!row) throw new AppError('HANDOVER_BATCH_NOT_FOUND');
    return row;
  }

  async listSlots(ctx: RequestContext, batchId: string) {
    assertPermission(ctx.principal, 'journeys.read');
    const batch = await this.batch(ctx, batchId);
    return new HandoverRepository(this.db).slots(batch.id);
  }

  /**
   * The batch's slots become the list sent: rows with an id change, rows without one are added, rows left out are
   * removed. A capacity below a slot's bookings, or removing a slot with bookings, is refused and nothing changes.
   */
  async upsertSlots(ctx: RequestContext, batchId: string, body: UpsertHandoverSlotsBody) {
    assertPermission(ctx.principal, 'journeys.manage');
    const batch = await this.batch(ctx, batchId);
    const wanted = body.slots.map((s) => ({
      id: s.id ?? null,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      capacity: s.capacity,
    }));
    const starts = new Set<number>();
    wanted.forEach((s, index) => {
      const length = s.endsAt.getTime() - s.startsAt.getTime();
      if (length <= 0 || length > DAY_MS || starts.has(s.startsAt.getTime())) {
        throw new AppError('HANDOVER_SLOT_RANGE_INVALID', { index });
      }
      starts.add(s.startsAt.getTime());
    });
    const now = this.clock.now();
    await this.db
      .transaction(async (tx) => {
        const repo = new HandoverRepository(tx);
        const current = new Map((await repo.lockSlots(batch.id)).map((s) => [s.id, s]));
        const kept = new Set<string>();
        for (const [index, s] of wanted.entries()) {
          if (!s.id) continue;
          const before = current.get(s.id);
          if (!before) throw new AppError('HANDOVER_SLOT_NOT_FOUND', { index });
          if (s.capacity < before.booked) {
            throw new AppError('HANDOVER_SLOT_BELOW_BOOKED', { index, booked: before.booked });
          }
          kept.add(s.id);
        }
        const removed = [...current.values()].filter((s) => !kept.has(s.id));
        const taken = removed.find((s) => s.booked > 0);
        if (taken) throw new AppError('HANDOVER_SLOT_BELOW_BOOKED', { slotId: taken.id, booked: taken.booked });
        await repo.deleteSlots(removed.map((s) => s.id));
        const values = (s: (typeof wanted)[number]): NewSlot => ({
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          capacity: s.capacity,
        });
        // move changed slots out of each other's way first (a swap of two start times is one change)
        const changed = wanted.filter((s) => {
          const before = s.id ? current.get(s.id) : undefined;
          return (
            before &&
            (before.startsAt.getTime() !== s.startsAt.getTime() ||
              before.endsAt.getTime() !== s.endsAt.getTime() ||
              before.capacity !== s.capacity)
          );
        });
        const moved = changed.filter((s) => current.get(s.id as string)?.startsAt.getTime() !== s.startsAt.getTime());
        // slots whose start moves step out of each other's way first (a swap of two start times is one change)
        for (const [i, s] of moved.entries()) {
          await repo.updateSlot(s.id as string, { ...values(s), startsAt: new Date(-1 - i) }, now);
        }
        for (const s of changed) await repo.updateSlot(s.id as string, values(s), now);
        await repo.insertSlots(batch, wanted.filter((s) => !s.id).map(values), now);
        await this.audit.record(tx, ctx, {
          action: 'handover.slots',
          entityType: 'delivery_batch',
          entityId: batch.id,
          orgPath: batch.orgPath,
          before: { slots: [...current.values()].map((s) => ({ startsAt: s.startsAt, capacity: s.capacity })) },
          after: { slots: wanted.map((s) => ({ startsAt: s.startsAt, capacity: s.capacity })) },
        });
      })
      .catch((err) => {
        throw isUniqueViolation(err) ? new AppError('HANDOVER_SLOT_RANGE_INVALID') : err;
      });
    return new HandoverRepository(this.db).slots(batch.id);
  }

  /** The CR desk books (or moves) a household of the batch into a slot. */
  async book(ctx: RequestContext, unitId: string, slotId: string) {
    assertPermission(ctx.principal, 'journeys.work');
    const slot = await new HandoverRepository(this.db).slot(slotId);
    if (!slot) throw new AppError('HANDOVER_SLOT_NOT_FOUND');
    const batch = await this.batch(ctx, slot.batchId).catch(() => {
      throw new AppError('HANDOVER_SLOT_NOT_FOUND');
    });
    const household = await new HandoverRepository(this.db).household(batch.id, unitId);
    if (!household) throw new AppError('HANDOVER_HOUSEHOLD_NOT_FOUND');
    return this.bookFor(ctx, batch, household, slotId, 'console');
  }

  /**
   * Books the household into the slot, or moves its booking there (a refused household books again). Checked-in
   * and signed households keep theirs. Nothing is written when the slot is full or over.
   */
  async bookFor(
    ctx: RequestContext,
    batch: HandoverBatch,
    household: Household,
    slotId: string,
    via: 'portal' | 'console',
  ): Promise<HandoverAppointmentRow> {
    const now = this.clock.now();
    const unitId = household.unitId as string;
    const staff = ctx.principal.actor !== 'owner';
    return this.db
      .transaction(async (tx) => {
        const repo = new HandoverRepository(tx);
        const slot = await repo.slot(slotId);
        if (!slot || slot.batchId !== batch.id) throw new AppError('HANDOVER_SLOT_NOT_FOUND');
        if (slot.endsAt <= now) throw new AppError('HANDOVER_SLOT_CLOSED');
        const current = await repo.lockAppointmentOf(batch.id, unitId);
        if (current?.status === 'signed') throw new AppError('HANDOVER_ALREADY_SIGNED');
        if (current?.status === 'checked_in') throw new AppError('HANDOVER_ALREADY_CHECKED_IN');
        const holds = current && current.status !== 'cancelled' ? current.slotId : null;
        if (holds !== slotId) {
          if (!(await repo.takePlace(slotId, now))) throw new AppError('HANDOVER_SLOT_FULL');
          if (holds) await repo.freePlace(holds, now);
        }
        const booking = {
          slotId,
          status: 'booked',
          bookedVia: via,
          bookedAt: now,
          bookedBy: staff ? ctx.principal.userId : null,
        };
        const row = current
          ? await repo.updateAppointment(current.id, [current.status], null, booking, now)
          : await repo.insertAppointment({
              ...booking,
              batchId: batch.id,
              projectId: batch.projectId,
              orgPath: batch.orgPath,
              unitId,
              ownershipId: household.id,
              customerId: household.customerId as string,
              createdAt: now,
              updatedAt: now,
            });
        if (!row) throw new AppError('VERSION_CONFLICT');
        await this.audit.record(tx, ctx, {
          action: 'handover.book',
          entityType: 'handover_appointment',
          entityId: row.id,
          orgPath: row.orgPath,
          before: current ? { slotId: current.slotId, status: current.status } : null,
          after: { slotId, unitId, via, startsAt: slot.startsAt },
        });
        return row;
      })
      .catch((err) => {
        // the household's first booking made twice at once: the second finds the first's row
        throw isUniqueViolation(err) ? new AppError('VERSION_CONFLICT') : err;
      });
  }
}
