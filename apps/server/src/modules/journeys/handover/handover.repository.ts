import { and, asc, eq, gte, inArray, isNull, lt, ne, or, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../../platform/db/database.js';
import { withinScope } from '../../../platform/rbac/scope.js';
import { journeySubjects } from '../journey.tables.js';
import {
  type HandoverAppointmentRow,
  type HandoverSlotRow,
  handoverAppointments,
  handoverDefects,
  handoverSlots,
} from './handover.tables.js';

export type HandoverDefectRow = typeof handoverDefects.$inferSelect;
export type NewSlot = { startsAt: Date; endsAt: Date; capacity: number };

/** Every query of the handover day: slots, appointments, defects, and the batch's households (journey subjects). */
export class HandoverRepository {
  constructor(private readonly db: Executor) {}

  /** A delivery batch as the journeys module knows it (its subject), within the caller's subtree. */
  async batch(batchId: string, scopePath: string) {
    const [row] = await this.db
      .select()
      .from(journeySubjects)
      .where(
        and(
          eq(journeySubjects.id, batchId),
          eq(journeySubjects.kind, 'batch'),
          withinScope(journeySubjects.orgPath, scopePath),
        ),
      );
    return row ?? null;
  }

  /** The active households of a batch (ownerships of its units), at most `limit`. */
  households(batchId: string, limit = 5000) {
    return this.db
      .select()
      .from(journeySubjects)
      .where(
        and(
          eq(journeySubjects.batchId, batchId),
          eq(journeySubjects.kind, 'household'),
          eq(journeySubjects.active, true),
        ),
      )
      .orderBy(asc(journeySubjects.unitId))
      .limit(limit);
  }

  /** The household of a unit in a batch (its active ownership; the first one when co-owned). */
  async household(batchId: string, unitId: string) {
    const [row] = await this.db
      .select()
      .from(journeySubjects)
      .where(
        and(
          eq(journeySubjects.batchId, batchId),
          eq(journeySubjects.unitId, unitId),
          eq(journeySubjects.kind, 'household'),
          eq(journeySubjects.active, true),
        ),
      )
      .orderBy(asc(journeySubjects.id))
      .limit(1);
    return row ?? null;
  }

  /** A person's active households that are in a delivery batch. */
  householdsOf(customerId: string) {
    return this.db
      .select()
      .from(journeySubjects)
      .where(
        and(
          eq(journeySubjects.customerId, customerId),
          eq(journeySubjects.kind, 'household'),
          eq(journeySubjects.active, true),
          sql`${journeySubjects.batchId} is not null`,
        ),
      )
      .limit(50);
  }

  slots(batchId: string): Promise<HandoverSlotRow[]> {
    return this.db
      .select()
      .from(handoverSlots)
      .where(eq(handoverSlots.batchId, batchId))
      .orderBy(asc(handoverSlots.startsAt));
  }

  /** The batch's slots locked for a change of the list (bookings wait, then see the new capacities). */
  lockSlots(batchId: string): Promise<HandoverSlotRow[]> {
    return this.db
      .select()
      .from(handoverSlots)
      .where(eq(handoverSlots.batchId, batchId))
      .orderBy(asc(handoverSlots.startsAt))
      .for('update');
  }

  async slot(id: string): Promise<HandoverSlotRow | null> {
    const [row] = await this.db.select().from(handoverSlots).where(eq(handoverSlots.id, id));
    return row ?? null;
  }

  async insertSlots(batch: { id: string; projectId: string; orgPath: string }, rows: NewSlot[], at: Date) {
    if (rows.length === 0) return;
    await this.db.insert(handoverSlots).values(
      rows.map((r) => ({
        ...r,
        batchId: batch.id,
        projectId: batch.projectId,
        orgPath: batch.orgPath,
        createdAt: at,
        updatedAt: at,
      })),
    );
  }

  async updateSlot(id: string, values: NewSlot, at: Date) {
    await this.db
      .update(handoverSlots)
      .set({ ...values, updatedAt: at, version: sql`${handoverSlots.version} + 1` })
      .where(eq(handoverSlots.id, id));
  }

  async deleteSlots(ids: string[]) {
    if (ids.length === 0) return;
    await this.db.delete(handoverSlots).where(and(inArray(handoverSlots.id, ids), eq(handoverSlots.booked, 0)));
  }

  /** Takes a place in the slot when one is left (one statement: two desks cannot both take the last one). */
  async takePlace(slotId: string, at: Date): Promise<boolean> {
    const rows = await this.db
      .update(handoverSlots)
      .set({ booked: sql`${handoverSlots.booked} + 1`, updatedAt: at })
      .where(and(eq(handoverSlots.id, slotId), lt(handoverSlots.booked, handoverSlots.capacity)))
      .returning({ id: handoverSlots.id });
    return rows.length === 1;
  }

  async freePlace(slotId: string, at: Date) {
    await this.db
      .update(handoverSlots)
      .set({ booked: sql`${handoverSlots.booked} - 1`, updatedAt: at })
      .where(and(eq(handoverSlots.id, slotId), gte(handoverSlots.booked, 1)));
  }

  appointments(batchId: string): Promise<HandoverAppointmentRow[]> {
    return this.db.select().from(handoverAppointments).where(eq(handoverAppointments.batchId, batchId));
  }

  appointmentsOfUnits(unitIds: string[]): Promise<HandoverAppointmentRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return this.db.select().from(handoverAppointments).where(inArray(handoverAppointments.unitId, unitIds));
  }

  async appointment(id: string, scopePath?: string): Promise<HandoverAppointmentRow | null> {
    const [row] = await this.db
      .select()
      .from(handoverAppointments)
      .where(
        and(
          eq(handoverAppointments.id, id),
          scopePath ? withinScope(handoverAppointments.orgPath, scopePath) : undefined,
        ),
      );
    return row ?? null;
  }

  /** The household's appointment in the batch, locked for this transaction. */
  async lockAppointmentOf(batchId: string, unitId: string): Promise<HandoverAppointmentRow | null> {
    const [row] = await this.db
      .select()
      .from(handoverAppointments)
      .where(and(eq(handoverAppointments.batchId, batchId), eq(handoverAppointments.unitId, unitId)))
      .for('update');
    return row ?? null;
  }

  async lockAppointment(id: string): Promise<HandoverAppointmentRow | null> {
    const [row] = await this.db
      .select()
      .from(handoverAppointments)
      .where(eq(handoverAppointments.id, id))
      .for('update');
    return row ?? null;
  }

  async insertAppointment(values: typeof handoverAppointments.$inferInsert): Promise<HandoverAppointmentRow> {
    const [row] = await this.db.insert(handoverAppointments).values(values).returning();
    return row as HandoverAppointmentRow;
  }

  /** Changes an appointment in `fromStatuses` (at `version` when given); null when it is not (any longer). */
  async updateAppointment(
    id: string,
    fromStatuses: string[],
    version: number | null,
    values: Partial<typeof handoverAppointments.$inferInsert>,
    at: Date,
  ): Promise<HandoverAppointmentRow | null> {
    const [row] = await this.db
      .update(handoverAppointments)
      .set({ ...values, updatedAt: at, version: sql`${handoverAppointments.version} + 1` })
      .where(
        and(
          eq(handoverAppointments.id, id),
          inArray(handoverAppointments.status, fromStatuses),
          version === null ? undefined : eq(handoverAppointments.version, version),
        ),
      )
      .returning();
    return row ?? null;
  }

  defects(appointmentIds: string[]): Promise<HandoverDefectRow[]> {
    if (appointmentIds.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(handoverDefects)
      .where(inArray(handoverDefects.appointmentId, appointmentIds))
      .orderBy(asc(handoverDefects.createdAt), asc(handoverDefects.id));
  }

  async insertDefect(values: typeof handoverDefects.$inferInsert) {
    await this.db.insert(handoverDefects).values(values);
  }

  /** Defects of the batch counted by category (the board). */
  defectsByCategory(batchId: string) {
    return queryRows<{ categoryCode: string; count: number }>(
      this.db,
      sql`select category_code as "categoryCode", count(*)::int as count
            from handover_defects where batch_id = ${batchId}
           group by category_code order by count(*) desc, category_code`,
    );
  }

  /** Booked appointments whose slot starts within [from, to) and that were not reminded for `day` yet. */
  dueReminders(from: Date, to: Date, day: string, limit: number) {
    return this.db
      .select({ appointment: handoverAppointments, slot: handoverSlots })
      .from(handoverAppointments)
      .innerJoin(handoverSlots, eq(handoverSlots.id, handoverAppointments.slotId))
      .where(
        and(
          eq(handoverAppointments.status, 'booked'),
          gte(handoverSlots.startsAt, from),
          lt(handoverSlots.startsAt, to),
          or(isNull(handoverAppointments.remindedFor), ne(handoverAppointments.remindedFor, day)),
        ),
      )
      .orderBy(asc(handoverAppointments.id))
      .limit(limit);
  }

  /** Claims the reminder of `day` for an appointment (one instance wins; the loser gets false). */
  async claimReminder(id: string, day: string): Promise<boolean> {
    const rows = await this.db
      .update(handoverAppointments)
      .set({ remindedFor: day })
      .where(
        and(
          eq(handoverAppointments.id, id),
          eq(handoverAppointments.status, 'booked'),
          or(isNull(handoverAppointments.remindedFor), ne(handoverAppointments.remindedFor, day)),
        ),
      )
      .returning({ id: handoverAppointments.id });
    return rows.length === 1;
  }
}
