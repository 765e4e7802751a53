import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn } from '../../../../test/factories.js';
import { handoverBatch, SIGNATURE, withSlots } from '../../../../test/handover-factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { files } from '../../../platform/files/files.tables.js';
import { tickets } from '../../tickets/ticket.tables.js';
import { handoverAppointments, handoverDefects, handoverSlots } from './handover.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-12-10T02:00:00Z'));
});
afterAll(() => t.close());

type Res = { statusCode: number; json: () => { code: string } };
const refused = (res: Res, status: number, code: string) => {
  expect(res.statusCode).toBe(status);
  expect(res.json().code).toBe(code);
};
const slotsOf = (batchId: string) =>
  t.db.select().from(handoverSlots).where(eq(handoverSlots.batchId, batchId)).orderBy(handoverSlots.startsAt);
const appointmentsOf = (batchId: string) =>
  t.db
    .select()
    .from(handoverAppointments)
    .where(eq(handoverAppointments.batchId, batchId))
    .orderBy(handoverAppointments.id);
const ticketsOf = (unitId: string) => t.db.select().from(tickets).where(eq(tickets.unitId, unitId));

/** A batch of three with two slots, a desk, and the first household checked in. */
async function checkedIn() {
  const h = await handoverBatch(t, 3);
  const slots = await withSlots(h, [2, 1]);
  const desk = await signedIn(t, h.project, ['cr_specialist']);
  const [first] = h.owners;
  await desk.api.post('/api/handover-appointments', { unitId: first?.unitId, slotId: slots[0]?.id });
  const appointment = (
    await desk.api.post(`/api/delivery-batches/${h.batch.id}/handover-check-ins`, { unitId: first?.unitId })
  ).json();
  return { h, slots, desk, first, appointment };
}

describe('handover day: bad input gets a stable code and writes nothing', () => {
  it('refuses slots that end before they start, last over a day, share a start, or carry bad dates', async () => {
    const h = await handoverBatch(t, 1);
    const put = (slots: object[]) => h.manager.api.put(`/api/delivery-batches/${h.batch.id}/handover-slots`, { slots });
    const a = { startsAt: '2026-12-19T01:00:00Z', endsAt: '2026-12-19T03:00:00Z', capacity: 2 };
    refused(await put([{ ...a, endsAt: '2026-12-19T00:00:00Z' }]), 422, 'HANDOVER_SLOT_RANGE_INVALID');
    refused(await put([{ ...a, endsAt: '2026-12-21T01:00:00Z' }]), 422, 'HANDOVER_SLOT_RANGE_INVALID');
    refused(await put([a, { ...a, endsAt: '2026-12-19T02:00:00Z' }]), 422, 'HANDOVER_SLOT_RANGE_INVALID');
    refused(await put([{ ...a, startsAt: '2026-13-45T01:00:00Z' }]), 400, 'VALIDATION_FAILED');
    refused(await put([{ ...a, capacity: 0 }]), 400, 'VALIDATION_FAILED');
    expect(await slotsOf(h.batch.id)).toEqual([]);
    refused(
      await h.manager.api.put('/api/delivery-batches/00000000-0000-4000-8000-000000000000/handover-slots', {
        slots: [a],
      }),
      404,
      'HANDOVER_BATCH_NOT_FOUND',
    );
  });

  it('keeps a slot’s capacity at or above its bookings and a booked slot in the list', async () => {
    const { h, slots } = await checkedIn();
    const [morning, afternoon] = slots;
    const body = (capacity: number) => ({
      slots: [
        { id: morning?.id, startsAt: morning?.startsAt, endsAt: '2026-12-19T03:00:00Z', capacity },
        { id: afternoon?.id, startsAt: afternoon?.startsAt, endsAt: '2026-12-19T08:00:00Z', capacity: 1 },
      ],
    });
    const url = `/api/delivery-batches/${h.batch.id}/handover-slots`;
    const before = await slotsOf(h.batch.id);
    refused(await h.manager.api.put(url, body(0)), 400, 'VALIDATION_FAILED');
    const lower = await h.manager.api.put(url, { slots: [body(1).slots[1]] });
    refused(lower, 409, 'HANDOVER_SLOT_BELOW_BOOKED'); // the booked morning slot left out
    expect(await slotsOf(h.batch.id)).toEqual(before);
    const ok = await h.manager.api.put(url, body(1));
    expect(ok.statusCode, JSON.stringify(ok.json())).toBe(200);
  });

  it('refuses a booking into a full slot, a slot that is over, an unknown slot or a unit outside the batch', async () => {
    const { h, slots, desk } = await checkedIn();
    const [, second, third] = h.owners;
    const afternoon = slots[1];
    expect(
      (await desk.api.post('/api/handover-appointments', { unitId: second?.unitId, slotId: afternoon?.id })).statusCode,
    ).toBe(200);
    const before = await appointmentsOf(h.batch.id);
    const full = await desk.api.post('/api/handover-appointments', { unitId: third?.unitId, slotId: afternoon?.id });
    refused(full, 409, 'HANDOVER_SLOT_FULL');
    const other = await handoverBatch(t, 1);
    const stranger = other.owners[0]?.unitId;
    const outside = await desk.api.post('/api/handover-appointments', { unitId: stranger, slotId: afternoon?.id });
    refused(outside, 404, 'HANDOVER_HOUSEHOLD_NOT_FOUND');
    const unknown = await desk.api.post('/api/handover-appointments', {
      unitId: third?.unitId,
      slotId: '00000000-0000-4000-8000-000000000000',
    });
    refused(unknown, 404, 'HANDOVER_SLOT_NOT_FOUND');
    t.clock.set(new Date('2026-12-19T04:00:00Z')); // the morning slot is over
    const late = await signedIn(t, h.project, ['cr_specialist']);
    refused(
      await late.api.post('/api/handover-appointments', { unitId: third?.unitId, slotId: slots[0]?.id }),
      422,
      'HANDOVER_SLOT_CLOSED',
    );
    t.clock.set(new Date('2026-12-10T02:00:00Z'));
    expect(await appointmentsOf(h.batch.id)).toEqual(before);
    expect((await slotsOf(h.batch.id)).map((s) => s.booked)).toEqual([1, 1]);
  });

  it('refuses a check-in before booking or a second one, and a move once checked in', async () => {
    const { h, slots, desk, first } = await checkedIn();
    const [, second] = h.owners;
    const url = `/api/delivery-batches/${h.batch.id}/handover-check-ins`;
    refused(await desk.api.post(url, { unitId: second?.unitId }), 409, 'HANDOVER_NOT_BOOKED');
    refused(await desk.api.post(url, { unitId: first?.unitId }), 409, 'HANDOVER_ALREADY_CHECKED_IN');
    const move = await desk.api.post('/api/handover-appointments', { unitId: first?.unitId, slotId: slots[1]?.id });
    refused(move, 409, 'HANDOVER_ALREADY_CHECKED_IN');
    expect((await appointmentsOf(h.batch.id)).map((a) => [a.unitId, a.status, a.slotId])).toEqual([
      [first?.unitId, 'checked_in', slots[0]?.id],
    ]);
  });

  it('refuses an inspection before check-in, with an unknown category or a photo of another home', async () => {
    const { h, slots, desk, appointment } = await checkedIn();
    const [, second] = h.owners;
    const booked = (
      await desk.api.post('/api/handover-appointments', { unitId: second?.unitId, slotId: slots[0]?.id })
    ).json();
    const body = (version: number, defects: object[] = []) => ({ version, items: [], feesAcknowledged: true, defects });
    const early = await desk.api.put(`/api/handover-appointments/${booked.id}/inspection`, body(booked.version));
    refused(early, 409, 'HANDOVER_NOT_CHECKED_IN');
    const defect = { room: 'bathroom', categoryCode: 'no_such_category', description: '漏水' };
    const url = `/api/handover-appointments/${appointment.id}/inspection`;
    refused(await desk.api.put(url, body(appointment.version, [defect])), 400, 'VALIDATION_FAILED');
    const foreign = { ...defect, categoryCode: 'plumbing', photoFileIds: ['00000000-0000-4000-8000-000000000000'] };
    refused(await desk.api.put(url, body(appointment.version, [foreign])), 422, 'PHOTO_INVALID');
    refused(await desk.api.put(url, body(appointment.version + 5)), 409, 'VERSION_CONFLICT');
    expect(await ticketsOf(appointment.unitId)).toEqual([]);
    expect(await t.db.select().from(handoverDefects).where(eq(handoverDefects.appointmentId, appointment.id))).toEqual(
      [],
    );
    const [row] = await t.db.select().from(handoverAppointments).where(eq(handoverAppointments.id, appointment.id));
    expect(row).toMatchObject({ inspection: null, feesAcknowledgedAt: null, version: appointment.version });
  });

  it('refuses a signature before the inspection, a bad image, and a second signature', async () => {
    const { desk, appointment } = await checkedIn();
    const url = `/api/handover-appointments/${appointment.id}`;
    const sign = (version: number, signaturePng = SIGNATURE) => desk.api.post(`${url}/sign`, { version, signaturePng });
    refused(await sign(appointment.version), 409, 'HANDOVER_INSPECTION_INCOMPLETE');
    const inspected = (
      await desk.api.put(`${url}/inspection`, { version: appointment.version, items: [], feesAcknowledged: true })
    ).json();
    const notPng = `data:image/png;base64,${Buffer.from('not an image at all').toString('base64')}`;
    refused(await sign(inspected.version, notPng), 400, 'HANDOVER_SIGNATURE_INVALID');
    refused(await sign(inspected.version, 'a drawing'), 400, 'VALIDATION_FAILED');
    const signatures = () => t.db.select().from(files).where(eq(files.refId, appointment.id));
    expect(await signatures()).toEqual([]);
    expect((await sign(inspected.version)).statusCode).toBe(200);
    refused(await sign(inspected.version + 1), 409, 'HANDOVER_ALREADY_SIGNED');
    refused(
      await desk.api.post(`${url}/refuse`, { version: inspected.version + 1, reasons: ['other'] }),
      409,
      'HANDOVER_ALREADY_SIGNED',
    );
    expect((await signatures()).map((f) => f.role)).toEqual(['signature']);
  });

  it('refuses a refusal without reasons or before check-in', async () => {
    const { h, slots, desk, appointment } = await checkedIn();
    const url = `/api/handover-appointments/${appointment.id}/refuse`;
    refused(await desk.api.post(url, { version: appointment.version, reasons: [] }), 400, 'VALIDATION_FAILED');
    refused(await desk.api.post(url, { version: appointment.version, reasons: ['rude'] }), 400, 'VALIDATION_FAILED');
    const [, second] = h.owners;
    const booked = (
      await desk.api.post('/api/handover-appointments', { unitId: second?.unitId, slotId: slots[0]?.id })
    ).json();
    const early = await desk.api.post(`/api/handover-appointments/${booked.id}/refuse`, {
      version: booked.version,
      reasons: ['other'],
    });
    refused(early, 409, 'HANDOVER_NOT_CHECKED_IN');
    expect(await ticketsOf(appointment.unitId)).toEqual([]);
    expect(await ticketsOf(second?.unitId as string)).toEqual([]);
  });
});
