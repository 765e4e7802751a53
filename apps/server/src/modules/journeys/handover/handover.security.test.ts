import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerCookie, signedIn } from '../../../../test/factories.js';
import { handoverBatch, PNG, withSlots } from '../../../../test/handover-factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { multipartFile } from '../../../../test/multipart.js';
import { handoverAppointments } from './handover.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-12-10T02:00:00Z'));
});
afterAll(() => t.close());

/** Two batches of two companies; in the first, one household checked in with an inspection photo. */
async function twoCompanies() {
  const mine = await handoverBatch(t, 2);
  const theirs = await handoverBatch(t, 1);
  const [slot] = await withSlots(mine);
  const [theirSlot] = await withSlots(theirs);
  const desk = await signedIn(t, mine.project, ['cr_specialist']);
  const [first] = mine.owners;
  await desk.api.post('/api/handover-appointments', { unitId: first?.unitId, slotId: slot?.id });
  const appointment = (
    await desk.api.post(`/api/delivery-batches/${mine.batch.id}/handover-check-ins`, { unitId: first?.unitId })
  ).json();
  const upload = multipartFile('file', 'wall.png', PNG, 'image/png');
  const photo = await t.app.inject({
    method: 'POST',
    url: `/api/handover-appointments/${appointment.id}/photos`,
    payload: upload.payload,
    headers: { ...upload.headers, cookie: desk.session.cookie, 'x-csrf-token': desk.session.csrf },
  });
  expect(photo.statusCode, photo.body).toBe(201);
  return { mine, theirs, slot, theirSlot, desk, appointment, photoId: photo.json().id as string };
}

describe('handover day: staff only in their subtree, owners only their own homes', () => {
  it('hides another company’s batch, slots, board and appointments from staff', async () => {
    const { mine, theirs, theirSlot, appointment, photoId } = await twoCompanies();
    const outsider = await signedIn(t, theirs.project, ['cr_manager']);
    const code = async (res: Promise<{ statusCode: number; json: () => { code: string } }>) => {
      const r = await res;
      return [r.statusCode, r.json().code];
    };
    expect(await code(outsider.api.get(`/api/delivery-batches/${mine.batch.id}/handover-board`))).toEqual([
      404,
      'HANDOVER_BATCH_NOT_FOUND',
    ]);
    expect(await code(outsider.api.get(`/api/delivery-batches/${mine.batch.id}/handover-slots`))).toEqual([
      404,
      'HANDOVER_BATCH_NOT_FOUND',
    ]);
    expect(
      await code(outsider.api.put(`/api/delivery-batches/${mine.batch.id}/handover-slots`, { slots: [] })),
    ).toEqual([404, 'HANDOVER_BATCH_NOT_FOUND']);
    expect(await code(outsider.api.get(`/api/handover-appointments/${appointment.id}`))).toEqual([
      404,
      'HANDOVER_APPOINTMENT_NOT_FOUND',
    ]);
    expect(
      await code(
        outsider.api.post(`/api/handover-appointments/${appointment.id}/refuse`, {
          version: appointment.version,
          reasons: ['other'],
        }),
      ),
    ).toEqual([404, 'HANDOVER_APPOINTMENT_NOT_FOUND']);
    expect(
      await code(
        outsider.api.post(`/api/delivery-batches/${mine.batch.id}/handover-check-ins`, {
          unitId: mine.owners[1]?.unitId,
        }),
      ),
    ).toEqual([404, 'HANDOVER_BATCH_NOT_FOUND']);
    // their desk cannot book my household into their slot, nor my slot for theirs
    expect(
      await code(
        outsider.api.post('/api/handover-appointments', { unitId: mine.owners[1]?.unitId, slotId: theirSlot?.id }),
      ),
    ).toEqual([404, 'HANDOVER_HOUSEHOLD_NOT_FOUND']);
    expect((await outsider.api.get(`/api/files/${photoId}`)).statusCode).toBe(404);
    const rows = await t.db.select().from(handoverAppointments).where(eq(handoverAppointments.batchId, mine.batch.id));
    expect(rows.map((r) => r.status)).toEqual(['checked_in']);
  });

  it('needs journeys.work to book and check in, journeys.manage to change slots, journeys.read to look', async () => {
    const { mine, slot } = await twoCompanies();
    const executive = await signedIn(t, mine.project, ['executive']); // reads everything, works nothing
    const agent = await signedIn(t, mine.project, ['hotline_agent']); // no journeys permission
    const specialist = await signedIn(t, mine.project, ['cr_specialist']);
    const book = { unitId: mine.owners[1]?.unitId, slotId: slot?.id };
    expect((await executive.api.post('/api/handover-appointments', book)).statusCode).toBe(403);
    expect((await executive.api.get(`/api/delivery-batches/${mine.batch.id}/handover-board`)).statusCode).toBe(200);
    expect((await agent.api.get(`/api/delivery-batches/${mine.batch.id}/handover-board`)).statusCode).toBe(403);
    const put = await specialist.api.put(`/api/delivery-batches/${mine.batch.id}/handover-slots`, { slots: [] });
    expect([put.statusCode, put.json().code]).toEqual([403, 'FORBIDDEN']);
  });

  it('lets an owner book, and see the inspection and photos of, their own home only', async () => {
    const { mine, slot, appointment, photoId } = await twoCompanies();
    const [first, second] = mine.owners;
    const cookie = await ownerCookie(t, second?.phone as string);
    const portal = (method: 'GET' | 'POST', url: string, payload?: object) =>
      t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
    const listed = (await portal('GET', '/api/portal/handover/slots')).json();
    expect(listed.items.map((i: { unitId: string }) => i.unitId)).toEqual([second?.unitId]);
    const foreign = await portal('POST', '/api/portal/handover/bookings', { unitId: first?.unitId, slotId: slot?.id });
    expect([foreign.statusCode, foreign.json().code]).toEqual([404, 'HANDOVER_HOUSEHOLD_NOT_FOUND']);
    const seen = await portal('GET', `/api/portal/handover/inspection?unitId=${first?.unitId}`);
    expect([seen.statusCode, seen.json().code]).toEqual([404, 'HANDOVER_HOUSEHOLD_NOT_FOUND']);
    expect((await portal('GET', `/api/portal/files/${photoId}`)).statusCode).toBe(404);
    // the owner of the home sees the photo
    const own = await ownerCookie(t, first?.phone as string);
    const res = await t.app.inject({ method: 'GET', url: `/api/portal/files/${photoId}`, headers: { cookie: own } });
    expect(res.statusCode).toBe(200);
    // no session, no handover
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/handover/slots' })).statusCode).toBe(401);
    const [row] = await t.db.select().from(handoverAppointments).where(eq(handoverAppointments.id, appointment.id));
    expect(row?.customerId).toBe(first?.customerId);
  });
});
