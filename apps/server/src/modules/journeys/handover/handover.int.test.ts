import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs, ownerCookie, signedIn } from '../../../../test/factories.js';
import { handoverBatch, PNG, SIGNATURE, withSlots } from '../../../../test/handover-factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { multipartFile } from '../../../../test/multipart.js';
import { domainEvents } from '../../../platform/events/events.tables.js';
import { jobs } from '../../../platform/jobs/job.tables.js';
import { outboxMessages } from '../../../platform/messaging/messaging.tables.js';
import { journeySubjects } from '../journey.tables.js';
import { handoverAppointments, handoverSlots } from './handover.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const ON_THE_DAY = new Date('2026-12-19T01:30:00Z'); // 09:30 in China, in the morning slot

describe('handover day', () => {
  it('an owner books in the portal, is checked in and inspected, a bathroom defect opens a ticket, the owner signs', async () => {
    t.clock.set(new Date('2026-11-23T02:00:00Z'));
    const h = await handoverBatch(t, 3);
    const [morning, afternoon] = await withSlots(h);
    const [first, second] = h.owners;
    if (!first || !second || !morning || !afternoon) throw new Error('setup');

    // the owner books in the portal
    let cookie = await ownerCookie(t, first.phone);
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const offered = (await portal('GET', '/api/portal/handover/slots')).json();
    expect(offered.items).toHaveLength(1);
    expect(offered.items[0]).toMatchObject({ unitId: first.unitId, appointment: null, canBook: true });
    expect(offered.items[0].slots.map((s: { available: number }) => s.available)).toEqual([2, 2]);
    const booked = await portal('POST', '/api/portal/handover/bookings', { unitId: first.unitId, slotId: morning.id });
    expect(booked.statusCode, booked.body).toBe(200);
    expect(booked.json().items[0]).toMatchObject({ appointment: { slotId: morning.id, status: 'booked' } });
    expect(booked.json().items[0].slots[0].available).toBe(1);

    // the desk books the second owner, then moves them to the afternoon
    const booker = await signedIn(t, h.project, ['cr_specialist']);
    const deskBooked = await booker.api.post('/api/handover-appointments', {
      unitId: second.unitId,
      slotId: morning.id,
    });
    expect(deskBooked.statusCode, deskBooked.body).toBe(200);
    expect(deskBooked.json()).toMatchObject({ bookedVia: 'console', status: 'booked', unitCode: '3-1-0102' });
    const moved = await booker.api.post('/api/handover-appointments', { unitId: second.unitId, slotId: afternoon.id });
    expect(moved.json()).toMatchObject({ id: deskBooked.json().id, slotId: afternoon.id });
    const slots = (await booker.api.get(`/api/delivery-batches/${h.batch.id}/handover-slots`)).json().items;
    expect(slots.map((s: { booked: number }) => s.booked)).toEqual([1, 1]);

    // the day comes: check-in, a photo, the inspection with a bathroom defect
    t.clock.set(ON_THE_DAY); // sessions signed in weeks ago have expired: the day's staff sign in
    const desk = await signedIn(t, h.project, ['cr_specialist']);
    const manager = await signedIn(t, h.project, ['cr_manager']);
    const checkedIn = await desk.api.post(`/api/delivery-batches/${h.batch.id}/handover-check-ins`, {
      unitId: first.unitId,
    });
    expect(checkedIn.statusCode, checkedIn.body).toBe(200);
    const appointment = checkedIn.json();
    expect(appointment).toMatchObject({ status: 'checked_in', customerName: '业主01' });
    const upload = multipartFile('file', 'tile.png', PNG, 'image/png');
    const photo = await t.app.inject({
      method: 'POST',
      url: `/api/handover-appointments/${appointment.id}/photos`,
      payload: upload.payload,
      headers: { ...upload.headers, cookie: desk.session.cookie, 'x-csrf-token': desk.session.csrf },
    });
    expect(photo.statusCode, photo.body).toBe(201);
    const photoId = photo.json().id;
    const inspection = {
      version: appointment.version,
      items: [
        { room: 'living_room', key: 'walls', ok: true },
        { room: 'bathroom', key: 'drainage', ok: false, note: '地漏返水', photoFileIds: [photoId] },
      ],
      meterReadings: [
        { meter: 'water', reading: 3.2 },
        { meter: 'electricity', reading: 12 },
      ],
      keysHanded: 4,
      feesAcknowledged: true,
      defects: [{ room: 'bathroom', categoryCode: 'plumbing', description: '主卫地漏返水', photoFileIds: [photoId] }],
    };
    const recorded = await desk.api.put(`/api/handover-appointments/${appointment.id}/inspection`, inspection);
    expect(recorded.statusCode, recorded.body).toBe(200);
    const [defect] = recorded.json().defects;
    expect(recorded.json().defects).toHaveLength(1);
    expect(defect).toMatchObject({ room: 'bathroom', categoryCode: 'plumbing', photos: [{ id: photoId }] });
    const ticket = (await desk.api.get(`/api/tickets/${defect.ticketId}`)).json();
    expect(ticket).toMatchObject({
      type: 'repair',
      channel: 'handover',
      room: 'bathroom',
      categoryCode: 'plumbing',
      unitId: first.unitId,
      customerId: first.customerId,
    });
    // the same defect again opens no second ticket
    const again = await desk.api.put(`/api/handover-appointments/${appointment.id}/inspection`, {
      ...inspection,
      version: recorded.json().version,
    });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().defects.map((d: { ticketId: string }) => d.ticketId)).toEqual([defect.ticketId]);

    // the owner signs: the home's handover date and the unit's status are set, the planner hears of it
    const signed = await desk.api.post(`/api/handover-appointments/${appointment.id}/sign`, {
      version: again.json().version,
      signaturePng: SIGNATURE,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({ status: 'signed', signedAt: ON_THE_DAY.toISOString() });
    expect(
      signed
        .json()
        .photos.map((p: { role: string }) => p.role)
        .sort(),
    ).toEqual(['inspection', 'signature']);
    const unit = (await manager.api.get(`/api/units/${first.unitId}`)).json();
    expect(unit).toMatchObject({ status: 'delivered', deliveredOn: '2026-12-19' });
    const customer = (await manager.api.get(`/api/customers/${first.customerId}`)).json();
    expect(customer.homesDetail[0].deliveryDate).toBe('2026-12-19');
    const events = await t.db
      .select({ name: domainEvents.name })
      .from(domainEvents)
      .where(eq(domainEvents.subjectId, first.ownershipId));
    expect(events.map((e) => e.name)).toContain('ownership.changed');
    await drainJobs(t);
    const [subject] = await t.db.select().from(journeySubjects).where(eq(journeySubjects.id, first.ownershipId));
    expect(subject?.anchors).toMatchObject({ handover: '2026-12-19' });

    // the second owner refuses the keys: reasons kept, a complaint for the CR team
    await desk.api.post(`/api/handover-appointments`, { unitId: second.unitId, slotId: morning.id });
    const second_ = (
      await desk.api.post(`/api/delivery-batches/${h.batch.id}/handover-check-ins`, { unitId: second.unitId })
    ).json();
    const refused = await desk.api.post(`/api/handover-appointments/${second_.id}/refuse`, {
      version: second_.version,
      reasons: ['quality_defects', 'fees_dispute'],
      note: '物业费标准有异议',
    });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'refused', refusalReasons: ['quality_defects', 'fees_dispute'] });
    const followUp = (await desk.api.get(`/api/tickets/${refused.json().followUpTicket.id}`)).json();
    expect(followUp).toMatchObject({ type: 'complaint', channel: 'handover', unitId: second.unitId });
    expect(followUp.description).toContain('费用争议');

    // the board
    const board = (await desk.api.get(`/api/delivery-batches/${h.batch.id}/handover-board`)).json();
    expect(board.totals).toEqual({ households: 3, booked: 2, checkedIn: 0, signed: 1, refused: 1, defects: 1 });
    expect(board.defectsByCategory).toEqual([{ categoryCode: 'plumbing', count: 1 }]);
    expect(board.households.map((x: { status: string }) => x.status)).toEqual(['signed', 'refused', 'unbooked']);
    expect(board.slots.map((s: { booked: number; signed: number }) => [s.booked, s.signed])).toEqual([
      [2, 1],
      [0, 0],
    ]);

    // the owner's portal shows the inspection, its photo and the ticket
    cookie = await ownerCookie(t, first.phone);
    const mine = await portal('GET', `/api/portal/handover/inspection?unitId=${first.unitId}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({
      status: 'signed',
      keysHanded: 4,
      defects: [{ ticketNumber: defect.ticketNumber, room: 'bathroom' }],
    });
    const bathroom = mine.json().items.find((i: { room: string }) => i.room === 'bathroom');
    expect(bathroom.photos[0].url).toBe(`/api/portal/files/${photoId}`);
    expect((await portal('GET', `/api/portal/files/${photoId}`)).statusCode).toBe(200);
    const after = (await portal('GET', '/api/portal/handover/slots')).json().items[0];
    expect(after).toMatchObject({ canBook: false, appointment: { status: 'signed' } });
  });

  it('gives the last place of a slot to exactly one of two bookings made at once', async () => {
    t.clock.set(new Date('2026-11-23T02:00:00Z'));
    const h = await handoverBatch(t, 2);
    const [morning] = await withSlots(h, [1, 1]);
    const desk = await signedIn(t, h.project, ['cr_specialist']);
    const results = await Promise.all(
      h.owners.map((o) => desk.api.post('/api/handover-appointments', { unitId: o.unitId, slotId: morning?.id })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json().code).toBe('HANDOVER_SLOT_FULL');
    const [slot] = await t.db
      .select()
      .from(handoverSlots)
      .where(eq(handoverSlots.id, morning?.id as string));
    expect(slot?.booked).toBe(1);
    const rows = await t.db.select().from(handoverAppointments).where(eq(handoverAppointments.batchId, h.batch.id));
    expect(rows).toHaveLength(1);
  });

  it('texts each booked owner with consent once the day before the slot, again after a move to another day', async () => {
    t.clock.set(new Date('2026-11-23T02:00:00Z'));
    const h = await handoverBatch(t, 2);
    const [morning] = await withSlots(h);
    const quiet = await handoverBatch(t, 1, { consent: false });
    const [quietSlot] = await withSlots(quiet);
    const desk = await signedIn(t, h.project, ['cr_specialist']);
    const [first, second] = h.owners;
    await desk.api.post('/api/handover-appointments', { unitId: first?.unitId, slotId: morning?.id });
    await desk.api.post('/api/handover-appointments', { unitId: second?.unitId, slotId: morning?.id });
    const quietDesk = await signedIn(t, quiet.project, ['cr_specialist']);
    await quietDesk.api.post('/api/handover-appointments', { unitId: quiet.owners[0]?.unitId, slotId: quietSlot?.id });
    const reminders = t.services.journeys.handover.reminders;
    const sent = (phone: string) =>
      t.db
        .select()
        .from(outboxMessages)
        .where(and(eq(outboxMessages.template, 'handover.reminder'), eq(outboxMessages.recipient, phone)));

    t.clock.set(new Date('2026-12-17T02:00:00Z')); // two days before: nothing yet
    expect(await reminders.run()).toBe(0);
    t.clock.set(new Date('2026-12-18T02:00:00Z')); // the day before, 10:00 in China
    // two instances at once, then a later run: each owner is texted once
    await Promise.all([reminders.run(), reminders.run()]);
    expect(await reminders.run()).toBe(0);
    const [message] = await sent(first?.phone as string);
    expect(message?.body).toContain('12月19日 09:00–11:00');
    expect(await sent(second?.phone as string)).toHaveLength(1);
    expect(await sent(quiet.owners[0]?.phone as string)).toEqual([]);

    // the second owner moves to a slot on 21 Dec: reminded again on the 20th
    const staff = await signedIn(t, h.project, ['cr_manager']);
    const later = await staff.api.put(`/api/delivery-batches/${h.batch.id}/handover-slots`, {
      slots: [
        ...(await staff.api.get(`/api/delivery-batches/${h.batch.id}/handover-slots`))
          .json()
          .items.map((s: { id: string; startsAt: string; endsAt: string; capacity: number }) => ({
            id: s.id,
            startsAt: s.startsAt,
            endsAt: s.endsAt,
            capacity: s.capacity,
          })),
        { startsAt: '2026-12-21T01:00:00Z', endsAt: '2026-12-21T03:00:00Z', capacity: 5 },
      ],
    });
    expect(later.statusCode, later.body).toBe(200);
    const newSlot = later.json().items[2];
    const move = await staff.api.post('/api/handover-appointments', { unitId: second?.unitId, slotId: newSlot.id });
    expect(move.statusCode, move.body).toBe(200);
    t.clock.set(new Date('2026-12-20T03:00:00Z'));
    expect(await reminders.run()).toBe(1);
    expect(await sent(second?.phone as string)).toHaveLength(2);
  });

  it('keeps a reminder written in the quiet hours in the outbox until 08:00', async () => {
    t.clock.set(new Date('2026-11-23T02:00:00Z'));
    const h = await handoverBatch(t, 1);
    const slots = await h.manager.api.put(`/api/delivery-batches/${h.batch.id}/handover-slots`, {
      slots: [{ startsAt: '2026-12-23T01:00:00Z', endsAt: '2026-12-23T03:00:00Z', capacity: 2 }],
    });
    const desk = await signedIn(t, h.project, ['cr_specialist']);
    const [owner] = h.owners;
    await desk.api.post('/api/handover-appointments', { unitId: owner?.unitId, slotId: slots.json().items[0].id });
    t.clock.set(new Date('2026-12-22T14:30:00Z')); // 22:30 in China, the evening before
    expect(await t.services.journeys.handover.reminders.run()).toBe(1);
    const [message] = await t.db
      .select()
      .from(outboxMessages)
      .where(
        and(eq(outboxMessages.template, 'handover.reminder'), eq(outboxMessages.recipient, owner?.phone as string)),
      );
    const [delivery] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, 'outbox.deliver'), sql`${jobs.payload}->>'id' = ${message?.id}`));
    expect(delivery?.runAt.toISOString()).toBe('2026-12-23T00:00:00.000Z'); // 08:00 in China
  });
});
