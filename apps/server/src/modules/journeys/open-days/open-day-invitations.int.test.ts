import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { OPEN_DAY, openDayProject, outboxOf } from '../../../../test/open-day-factories.js';
import { createServices } from '../../../app.js';
import { jobs } from '../../../platform/jobs/job.tables.js';
import { OPEN_DAY_INVITE_JOB } from './open-day-invitations.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('open-day SMS invitations', () => {
  it('texts each buyer who consented once, page by page, however often a page runs or on how many instances', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 5); // buyers 1, 3 and 5 consented to SMS
    const invitations = t.services.journeys.openDays.invitations;
    invitations.pageSize = 2;
    try {
      const day = await p.create({ inviteBySms: true });
      expect(day.invitedAt).toBe('2026-03-01T02:00:00.000Z');
      await drainJobs(t);
      const consented = p.people.filter((x) => x.consented).map((x) => x.phone);
      const sent = async () => (await outboxOf(t, 'open_day.invite', day.id)).map((m) => m.recipient).sort();
      expect(await sent()).toEqual(consented.sort());
      const [first] = await outboxOf(t, 'open_day.invite', day.id);
      expect(first?.body).toContain(`工地开放日「${OPEN_DAY.title}」，2026-03-10 09:00-12:00`);
      // three buyers with consent at two a page: two pages, each a job
      const pages = await t.db
        .select()
        .from(jobs)
        .where(and(eq(jobs.name, OPEN_DAY_INVITE_JOB), sql`${jobs.payload}->>'openDayId' = ${day.id}`));
      expect(pages.map((j) => j.status)).toEqual(['done', 'done']);

      // the same pages again, and on a second instance at the same time: nothing more is sent
      const second = createServices({ ...t.config, jobsEnabled: false }, t.database, t.clock, t.app.log);
      second.journeys.openDays.invitations.pageSize = 2;
      await Promise.all([
        invitations.page({ openDayId: day.id, after: null }),
        second.journeys.openDays.invitations.page({ openDayId: day.id, after: null }),
        second.journeys.openDays.invitations.page(pages[1]?.payload as { openDayId: string; after: string }),
      ]);
      await t.db.transaction((tx) => invitations.queue(tx, day.id)); // queueing twice is one job
      await drainJobs(t);
      expect(await sent()).toEqual(consented.sort());
    } finally {
      invitations.pageSize = 200;
    }
  });

  it('follows the newest consent: a buyer who withdrew SMS consent is not invited, one who gave it later is', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 2); // buyer 1 consented, buyer 2 refused
    const [first, second] = p.people;
    t.clock.advance(60_000);
    for (const [who, granted] of [
      [first, false],
      [second, true],
    ] as const) {
      const current = (await p.manager.api.get(`/api/customers/${who?.id}`)).json();
      const changed = await p.manager.api.patch(`/api/customers/${who?.id}`, {
        version: current.version,
        consents: [{ channel: 'sms', granted, source: '电话确认' }],
      });
      expect(changed.statusCode, changed.body).toBe(200);
    }
    const day = await p.create({ inviteBySms: true });
    await drainJobs(t);
    expect((await outboxOf(t, 'open_day.invite', day.id)).map((m) => m.recipient)).toEqual([second?.phone]);
  });

  it('keeps quiet hours: an invitation written at night is delivered at 08:00', async () => {
    t.clock.set(new Date('2026-03-01T14:00:00Z')); // 22:00 in China
    const p = await openDayProject(t, 1);
    const day = await p.create({ inviteBySms: true });
    await t.services.jobs.runDue(); // the invitation page only: deliveries wait for the morning
    const [message] = await outboxOf(t, 'open_day.invite', day.id);
    expect(message?.status).toBe('queued');
    const [delivery] = await t.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.name, 'outbox.deliver'), sql`${jobs.payload}->>'id' = ${message?.id}`));
    expect(delivery?.runAt.toISOString()).toBe('2026-03-02T00:00:00.000Z');
  });
});

describe('registration under concurrency', () => {
  it('gives the last place to one of two buyers asking at once', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 3);
    const day = await p.create({ capacity: 2 });
    const [a, b, c] = p.people;
    await p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: a?.id });
    const results = await Promise.all(
      [b, c].map((x) => p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: x?.id })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'OPEN_DAY_FULL' });
    const board = (await p.manager.api.get(`/api/open-days/${day.id}`)).json();
    expect(board).toMatchObject({ registered: 2, registrations: 2 });
  });

  it('registers a buyer once when the same request comes twice at once', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 1);
    const day = await p.create();
    const owner = p.people[0]?.id;
    const results = await Promise.all(
      [1, 2].map(() => p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: owner })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json()).toMatchObject({ code: 'OPEN_DAY_ALREADY_REGISTERED' });
    expect((await p.manager.api.get(`/api/open-days/${day.id}`)).json()).toMatchObject({ registered: 1 });
  });
});
