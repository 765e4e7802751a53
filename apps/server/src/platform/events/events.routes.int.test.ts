import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, drainJobs, login, signedIn } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import type { Actor } from '../auth/principal.js';
import { queryRows } from '../db/database.js';
import { encodeCursor } from '../http/cursor.js';

let t: TestApp;
let broken = true;
const handled: string[] = [];
const system: Actor = { kind: 'system', id: null, name: 'test' };
const BASE = '/api/admin/event-deliveries';

type Delivery = {
  jobId: number;
  eventId: number;
  listener: string;
  status: string;
  attempts: number;
  subjectId: string;
};

beforeAll(async () => {
  t = await createTestApp();
  t.services.events.listen({
    name: 'test.flaky',
    on: 'test.thing.made',
    async handle(event) {
      if (broken) throw new Error('downstream is down');
      handled.push(event.subjectId);
    },
  });
});
afterAll(() => t.close());

/** Records a `test.thing.made` event about `subject` at `orgPath` and runs its delivery until it has failed for good. */
async function failedDelivery(subject: string, orgPath: string) {
  await t.services.events.record(t.db, system, [
    { name: 'test.thing.made', subjectType: 'thing', subjectId: subject, orgPath, payload: {} },
  ]);
  await drainJobs(t);
  for (let attempt = 2; attempt <= 8; attempt++) {
    t.clock.advance(2 * 3_600_000);
    await drainJobs(t);
  }
}

const itemsOf = (res: { json: () => unknown }) => (res.json() as { items: Delivery[] }).items;

describe('event deliveries (admin)', () => {
  it('lists a failed delivery once its attempts ran out, replays it and shows it done after the fix', async () => {
    const { project } = await cityCompany(t);
    await failedDelivery('happy', project.path);
    // signed in after the clock moved on (a session started before would have expired)
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));

    const list = await admin.get(BASE);
    expect(list.statusCode).toBe(200);
    const failed = itemsOf(list).filter((d) => d.subjectId === 'happy');
    expect(failed).toMatchObject([
      {
        listener: 'test.flaky',
        status: 'failed',
        attempts: 8,
        lastError: 'downstream is down',
        name: 'test.thing.made',
        subjectType: 'thing',
      },
    ]);
    const [delivery] = failed as [Delivery];
    expect(typeof delivery.jobId).toBe('number');

    broken = false;
    const replay = await admin.post(`${BASE}/${delivery.jobId}/replay`);
    expect(replay.statusCode).toBe(200);
    expect(itemsOf(await admin.get(`${BASE}?status=queued`)).map((d) => d.jobId)).toContain(delivery.jobId);
    expect(itemsOf(await admin.get(BASE)).map((d) => d.jobId)).not.toContain(delivery.jobId);

    await drainJobs(t);
    expect(handled).toContain('happy');
    const done = itemsOf(await admin.get(`${BASE}?status=done`)).find((d) => d.jobId === delivery.jobId);
    expect(done).toMatchObject({ status: 'done', attempts: 1, lastError: null });

    // audited, and a second replay of a delivery no longer failed is not found
    const audit = (await admin.get(`/api/audit-events?action=event.replay&entityId=${delivery.jobId}`)).json();
    expect(audit.items).toMatchObject([
      {
        action: 'event.replay',
        entityType: 'event_delivery',
        after: { listener: 'test.flaky', eventId: delivery.eventId },
      },
    ]);
    const again = await admin.post(`${BASE}/${delivery.jobId}/replay`);
    expect(again.statusCode).toBe(404);
    expect(again.json().code).toBe('EVENT_DELIVERY_NOT_FOUND');
    broken = true;
  });

  it('pages with a cursor, newest first', async () => {
    const { project } = await cityCompany(t);
    for (const s of ['page-1', 'page-2', 'page-3']) await failedDelivery(s, project.path);
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const seen: number[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await admin.get(`${BASE}?limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Delivery[]; nextCursor: string | null };
      seen.push(...body.items.map((d) => d.jobId));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('answers an unknown delivery with 404 and a bad cursor or id with 400', async () => {
    const admin = as(t, await login(t, 'admin', ADMIN_PASSWORD));
    const unknown = await admin.post(`${BASE}/987654321/replay`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('EVENT_DELIVERY_NOT_FOUND');

    for (const cursor of ['not-base64-json', encodeCursor({ id: 'x' }), encodeCursor({ id: -1 }), encodeCursor([])]) {
      const res = await admin.get(`${BASE}?cursor=${encodeURIComponent(cursor)}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CURSOR_INVALID');
    }
    expect((await admin.get(`${BASE}?status=lost`)).statusCode).toBe(400);
    expect((await admin.post(`${BASE}/abc/replay`)).statusCode).toBe(400);
    expect((await admin.post(`${BASE}/0/replay`)).statusCode).toBe(400);
  });

  it('needs events.manage, a session, and keeps to the caller’s scope', async () => {
    const { company, project } = await cityCompany(t);
    const other = await cityCompany(t);
    await failedDelivery('scoped', project.path);
    const [row] = await queryRows<{ id: number }>(
      t.db,
      sql`select j.id from jobs j join domain_events e on e.id = (j.payload->>'event')::bigint
           where j.name = 'events.deliver' and e.subject_id = 'scoped'`,
    );
    const jobId = Number(row?.id);

    const manager = await signedIn(t, company, ['cr_manager']);
    const forbidden = await manager.api.get(BASE);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('FORBIDDEN');
    expect((await manager.api.post(`${BASE}/${jobId}/replay`)).statusCode).toBe(403);

    expect((await t.app.inject({ method: 'GET', url: BASE })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'POST', url: `${BASE}/${jobId}/replay`, payload: {} })).statusCode).toBe(401);

    const outsider = await signedIn(t, other.company, ['system_admin']);
    expect(itemsOf(await outsider.api.get(BASE)).map((d) => d.subjectId)).not.toContain('scoped');
    const refused = await outsider.api.post(`${BASE}/${jobId}/replay`);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('EVENT_DELIVERY_NOT_FOUND');

    const insider = await signedIn(t, company, ['system_admin']);
    const seen = itemsOf(await insider.api.get(BASE));
    expect(seen.map((d) => d.subjectId)).toContain('scoped');
    expect(seen.map((d) => d.subjectId)).not.toContain('page-1');
    expect((await insider.api.post(`${BASE}/${jobId}/replay`)).statusCode).toBe(200);
  });
});
