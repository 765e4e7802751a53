import type { ModuleServices } from '../modules/index.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';

/** `days` days from `now` on the China calendar, and an instant at `hh:mm` China time on a day. */
const dayOf = (now: Date, days: number) => chinaDate(new Date(now.getTime() + days * 86_400_000));
const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);
/** A 1×1 PNG standing in for an owner's signature drawn on the tablet. */
const SIGNATURE =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const ROOMS = ['living_room', 'bedroom', 'kitchen', 'bathroom', 'balcony'] as const;
const KEYS = ['walls', 'doors_windows', 'water', 'electrics', 'fixtures'] as const;
/** What the inspections of yesterday found, household by household (the fifth refuses the keys; the sixth is as the first). */
const FOUND: ({ room: (typeof ROOMS)[number]; categoryCode: string; description: string } | null)[] = [
  { room: 'bathroom', categoryCode: 'plumbing', description: '主卫地漏排水缓慢，淋浴区积水' },
  null,
  { room: 'kitchen', categoryCode: 'crack', description: '厨房墙面瓷砖开裂两处' },
  null,
  // the household that refuses: nothing recorded as a defect (no repair before the home is handed over)
  null,
];

/**
 * The demo's handover day (集中交付), on the second batch of the first project still delivering: the batch's date
 * is brought forward to tomorrow and its handover runs from yesterday to tomorrow. Yesterday's households came,
 * were inspected room by room and signed (three with defects that are now repair tickets) or refused the keys (a
 * follow-up complaint); this morning's are checked in or still on their way; tomorrow's are booked; the rest of
 * the batch has not booked yet. Written through the real services with the seed's clock walking over those days.
 */
/** The batch the demo's handover day runs on: the second batch of the first project still delivering. */
export async function handoverDemoBatch(
  services: { property: ModuleServices['property'] },
  ctx: RequestContext,
): Promise<{ id: string; version: number } | null> {
  const { property, batches } = services.property;
  for (const p of await property.listProjects(ctx, { limit: 50 })) {
    const list = (await batches.list(ctx, p.orgUnitId)).map((b) => b.batch);
    const pending = list.find((b) => !b.actualDate);
    if (pending && list.some((b) => b.actualDate)) return pending;
  }
  return null;
}

export async function seedDemoHandover(
  services: { journeys: ModuleServices['journeys']; property: ModuleServices['property'] },
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
) {
  const { bookings, day, board } = services.journeys.handover;
  const { batches } = services.property;
  const was = clock.now();
  const batch = await handoverDemoBatch(services, ctx);
  if (!batch) return { slots: 0, booked: 0, signed: 0, batchId: null };

  clock.set(at(dayOf(now, -8), '10:00'));
  const tomorrow = dayOf(now, 1);
  await batches.update(ctx, batch.id, { version: batch.version, plannedDate: tomorrow });
  const [yesterday, today] = [dayOf(now, -1), dayOf(now, 0)];
  const slots = await bookings.upsertSlots(ctx, batch.id, {
    slots: [
      [yesterday, '09:00', '12:00', 3],
      [yesterday, '14:00', '17:00', 3],
      [today, '09:00', '12:00', 4],
      [tomorrow, '09:00', '12:00', 6],
    ].map(([d, from, to, capacity]) => ({
      startsAt: at(d as string, from as string).toISOString(),
      endsAt: at(d as string, to as string).toISOString(),
      capacity: capacity as number,
    })),
  });
  const households = (await board.board(ctx, batch.id)).households;
  const plan = [0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]; // slot index of each of the first twelve households
  const booked: { unitId: string; slot: number }[] = [];
  for (const [i, slot] of plan.entries()) {
    const h = households[i];
    const s = slots[slot];
    if (!h || !s) break;
    clock.advance(20 * 60_000);
    await bookings.book(ctx, h.unitId, s.id);
    booked.push({ unitId: h.unitId, slot });
  }

  // yesterday: six households came; five signed, one refused
  let signed = 0;
  for (const [i, b] of booked.filter((x) => x.slot <= 1).entries()) {
    clock.set(at(yesterday, b.slot === 0 ? '09:20' : '14:20'));
    clock.advance(i * 25 * 60_000);
    const checkedIn = await day.checkIn(ctx, batch.id, b.unitId);
    clock.advance(40 * 60_000);
    const found = FOUND[i % FOUND.length] ?? null;
    const inspected = await day.recordInspection(ctx, checkedIn.id, {
      version: checkedIn.version,
      items: ROOMS.flatMap((room) =>
        KEYS.map((key) => ({
          room,
          key,
          ok: !(found && found.room === room && key === 'water'),
          note: found && found.room === room && key === 'water' ? found.description : undefined,
          photoFileIds: [],
        })),
      ),
      meterReadings: [
        { meter: 'water' as const, reading: 2 + i },
        { meter: 'electricity' as const, reading: 15 + i * 3 },
      ],
      keysHanded: 4,
      feesAcknowledged: true,
      defects: found ? [{ ...found, photoFileIds: [] }] : [],
    });
    clock.advance(15 * 60_000);
    if (i === 4) {
      await day.refuse(ctx, checkedIn.id, {
        version: inspected.version,
        reasons: ['quality_defects', 'not_as_promised'],
        note: '阳台门和样板间不一致，整改后再来收房',
      });
    } else {
      await day.sign(ctx, checkedIn.id, { version: inspected.version, signaturePng: SIGNATURE });
      signed++;
    }
  }

  // this morning: two of the four checked in (before now, however early the seed runs)
  const morning =
    at(today, '09:15').getTime() < now.getTime() ? at(today, '09:15') : new Date(now.getTime() - 3_600_000);
  clock.set(morning);
  for (const b of booked.filter((x) => x.slot === 2).slice(0, 2)) {
    clock.advance(5 * 60_000);
    await day.checkIn(ctx, batch.id, b.unitId);
  }
  clock.set(was);
  return { slots: slots.length, booked: booked.length, signed, batchId: batch.id };
}
