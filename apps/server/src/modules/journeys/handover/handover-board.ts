import type { HandoverBoard, HandoverBoardHousehold } from '@anju/contracts/handover';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import type { OwnershipHandoverCommand } from '../../customers/ownership-handover.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import { presentSlot } from './handover.presenter.js';
import { HandoverRepository } from './handover.repository.js';
import type { HandoverBookingService } from './handover-booking.service.js';

/**
 * The batch board of the handover day: each slot with its booked, checked-in, signed and refused households, the
 * totals, the defects by category, and every household of the batch with its state (the console refetches it).
 */
export class HandoverBoardService {
  constructor(
    private readonly db: Db,
    private readonly bookings: HandoverBookingService,
    private readonly ownerships: OwnershipHandoverCommand,
    private readonly directory: OrgDirectory,
  ) {}

  async board(ctx: RequestContext, batchId: string): Promise<HandoverBoard> {
    assertPermission(ctx.principal, 'journeys.read');
    const batch = await this.bookings.batch(ctx, batchId);
    const repo = new HandoverRepository(this.db);
    const [slots, appointments, households, byCategory, projects] = await Promise.all([
      repo.slots(batch.id),
      repo.appointments(batch.id),
      repo.households(batch.id),
      repo.defectsByCategory(batch.id),
      this.directory.names([batch.projectId]),
    ]);
    const defects = await repo.defects(appointments.map((a) => a.id));
    const unitIds = [...new Set([...households.map((h) => h.unitId), ...appointments.map((a) => a.unitId)])].filter(
      (id): id is string => id !== null,
    );
    const customerIds = [...households.map((h) => h.customerId), ...appointments.map((a) => a.customerId)].filter(
      (id): id is string => id !== null,
    );
    const [units, names] = await Promise.all([
      new UnitLookup(this.db).byIds(unitIds),
      this.ownerships.names(customerIds),
    ]);
    const codes = new Map(units.map((u) => [u.id, u.code]));
    const byUnit = new Map(appointments.map((a) => [a.unitId, a]));
    const defectsOf = new Map<string, number>();
    for (const d of defects) defectsOf.set(d.appointmentId, (defectsOf.get(d.appointmentId) ?? 0) + 1);

    const rows: HandoverBoardHousehold[] = [];
    const seen = new Set<string>();
    for (const unitId of unitIds) {
      if (seen.has(unitId)) continue;
      seen.add(unitId);
      const a = byUnit.get(unitId);
      const h = households.find((x) => x.unitId === unitId);
      const customerId = a?.customerId ?? h?.customerId;
      if (!customerId) continue;
      rows.push({
        unitId,
        unitCode: codes.get(unitId) ?? null,
        customerId,
        customerName: names.get(customerId) ?? null,
        appointmentId: a?.id ?? null,
        slotId: a?.slotId ?? null,
        status: (a?.status ?? 'unbooked') as HandoverBoardHousehold['status'],
        defects: a ? (defectsOf.get(a.id) ?? 0) : 0,
        version: a?.version ?? null,
      });
    }
    rows.sort((x, y) => (x.unitCode ?? '').localeCompare(y.unitCode ?? ''));
    const count = (slotId: string | null, status: string) =>
      appointments.filter((a) => (slotId === null || a.slotId === slotId) && a.status === status).length;
    const live = appointments.filter((a) => a.status !== 'cancelled');
    return {
      batchId: batch.id,
      projectId: batch.projectId,
      projectName: projects.get(batch.projectId) ?? null,
      slots: slots.map((s) => ({
        ...presentSlot(s),
        checkedIn: count(s.id, 'checked_in'),
        signed: count(s.id, 'signed'),
        refused: count(s.id, 'refused'),
      })),
      totals: {
        households: rows.length,
        booked: live.length,
        checkedIn: count(null, 'checked_in'),
        signed: count(null, 'signed'),
        refused: count(null, 'refused'),
        defects: defects.length,
      },
      defectsByCategory: byCategory,
      households: rows,
    };
  }
}
