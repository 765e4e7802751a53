import type { FileInfo } from '@anju/contracts';
import type { MyHandoverInspection, MyHandoverSlots } from '@anju/contracts/handover';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { FileRow } from '../../../platform/files/files.service.js';
import { assertMay } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import type { StoredItem } from './handover.presenter.js';
import { HandoverRepository } from './handover.repository.js';
import type { HandoverBookingService } from './handover-booking.service.js';
import type { HandoverDayService } from './handover-day.service.js';

/**
 * The handover day in the owner portal: an owner sees the slots of their own homes' batches and books or changes
 * one, and sees their home's inspection with its photos and the repair tickets it opened. Owners act for themselves
 * only (`assertMay` on their own customer id); a home of someone else is not found.
 */
export class MyHandoverService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly bookings: HandoverBookingService,
    private readonly day: HandoverDayService,
    private readonly directory: OrgDirectory,
  ) {}

  private async household(customerId: string, unitId: string) {
    const homes = await new HandoverRepository(this.db).householdsOf(customerId);
    const home = homes.find((h) => h.unitId === unitId);
    if (!home?.batchId) throw new AppError('HANDOVER_HOUSEHOLD_NOT_FOUND');
    return home;
  }

  async slots(ctx: RequestContext, customerId: string): Promise<MyHandoverSlots> {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    const repo = new HandoverRepository(this.db);
    const homes = await repo.householdsOf(customerId);
    const now = this.clock.now();
    const appointments = await repo.appointmentsOfUnits(homes.map((h) => h.unitId as string));
    const [units, projects] = await Promise.all([
      new UnitLookup(this.db).byIds(homes.map((h) => h.unitId as string)),
      this.directory.names(homes.map((h) => h.projectId)),
    ]);
    const items: MyHandoverSlots['items'] = [];
    for (const home of homes) {
      const batchId = home.batchId as string;
      const slots = await repo.slots(batchId);
      const a = appointments.find((x) => x.unitId === home.unitId && x.batchId === batchId);
      if (slots.length === 0 && !a) continue;
      const mine = a?.slotId ? slots.find((s) => s.id === a.slotId) : undefined;
      items.push({
        unitId: home.unitId as string,
        unitCode: units.find((u) => u.id === home.unitId)?.code ?? null,
        projectName: projects.get(home.projectId) ?? null,
        batchId,
        appointment: a
          ? {
              id: a.id,
              slotId: a.slotId,
              startsAt: mine?.startsAt.toISOString() ?? null,
              endsAt: mine?.endsAt.toISOString() ?? null,
              status: a.status as NonNullable<MyHandoverSlots['items'][number]['appointment']>['status'],
            }
          : null,
        canBook: !a || !['checked_in', 'signed'].includes(a.status),
        slots: slots
          .filter((s) => s.endsAt > now)
          .map((s) => ({
            id: s.id,
            startsAt: s.startsAt.toISOString(),
            endsAt: s.endsAt.toISOString(),
            available: s.capacity - s.booked,
          })),
      });
    }
    return { items };
  }

  /** The owner books a slot for their home, or changes to another (the same rules as the desk). */
  async book(ctx: RequestContext, customerId: string, unitId: string, slotId: string) {
    assertMay(ctx.principal, 'journeys.work', customerId === ctx.principal.customerId);
    const home = await this.household(customerId, unitId);
    const batch = { id: home.batchId as string, projectId: home.projectId, orgPath: home.orgPath };
    await this.bookings.bookFor(ctx, batch, home, slotId, 'portal');
    return this.slots(ctx, customerId);
  }

  /** The home's handover inspection: items with photos, readings, keys, and the defects with their tickets. */
  async inspection(
    ctx: RequestContext,
    customerId: string,
    unitId: string,
    present: (f: FileRow) => FileInfo,
  ): Promise<MyHandoverInspection> {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    const home = await this.household(customerId, unitId);
    const [a] = (await new HandoverRepository(this.db).appointmentsOfUnits([unitId])).filter(
      (x) => x.batchId === home.batchId,
    );
    if (!a) throw new AppError('HANDOVER_APPOINTMENT_NOT_FOUND');
    const detail = await this.day.detail(a, present);
    const photos = new Map(detail.photos.map((p) => [p.id, p]));
    return {
      unitId,
      status: detail.status,
      checkedInAt: detail.checkedInAt,
      signedAt: detail.signedAt,
      refusedAt: detail.refusedAt,
      items: ((a.inspection as StoredItem[] | null) ?? []).map((i) => ({
        room: i.room,
        key: i.key,
        ok: i.ok,
        note: i.note ?? null,
        photos: i.photoFileIds.flatMap((id) => {
          const p = photos.get(id);
          return p ? [p] : [];
        }),
      })),
      meterReadings: detail.meterReadings ?? [],
      keysHanded: detail.keysHanded,
      feesAcknowledgedAt: detail.feesAcknowledgedAt,
      defects: detail.defects,
    };
  }

  /** May this owner see a file of this appointment (their own home's inspection photo or signature)? */
  async ownsAppointment(customerId: string, appointmentId: string): Promise<boolean> {
    const a = await new HandoverRepository(this.db).appointment(appointmentId);
    if (!a) return false;
    const homes = await new HandoverRepository(this.db).householdsOf(customerId);
    return homes.some((h) => h.unitId === a.unitId && h.batchId === a.batchId);
  }
}
