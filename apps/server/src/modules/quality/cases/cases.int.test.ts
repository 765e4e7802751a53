import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, drainJobs, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { projectWithUnits } from '../../../../test/property-factories.js';
import { slaClocks } from '../../sla/sla.tables.js';
import { ticketEvents, tickets } from '../../tickets/ticket.tables.js';
import { clusters } from '../quality.tables.js';
import { groupCases, groupCaseTickets } from './case.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-20T02:00:00Z'));
});
afterAll(() => t.close());

/** A company with a cluster of five leaks in building 3, its CR manager, a senior owner and an agent. */
async function place() {
  const where = await cityCompany(t);
  const homes = await projectWithUnits(
    t,
    where.project,
    [1, 2, 3, 4, 5, 6, 7].map((i) => `3-1-0${i}01`),
  );
  const manager = await signedIn(t, where.company, ['cr_manager']);
  const owner = await signedIn(t, where.company, ['cr_manager']);
  const agent = await signedIn(t, where.company, ['hotline_agent']);
  const base = t.clock.now().getTime() - 3 * 86_400_000;
  const file = async (i: number) => {
    const res = await agent.api.post('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      unitId: homes[i]?.id,
      title: '卫生间天花板渗水',
      categoryCode: 'leak',
      reportedAt: new Date(base + i * 3_600_000).toISOString(),
    });
    expect(res.statusCode).toBe(201);
    return res.json() as { id: string; version: number };
  };
  const filed = [];
  for (let i = 0; i < 5; i++) filed.push(await file(i));
  await drainJobs(t);
  const [cluster] = await t.db.select().from(clusters).where(eq(clusters.projectId, where.project.id));
  if (!cluster) throw new Error('no cluster');
  return { ...where, manager, owner, agent, cluster, filed, file };
}
type Place = Awaited<ReturnType<typeof place>>;

const open = (p: Place, extra: Record<string, unknown> = {}) =>
  p.manager.api.post('/api/quality/cases', {
    clusterId: p.cluster.id,
    title: '3号楼卫生间渗漏群诉',
    ownerUserId: p.owner.user.id,
    deadline: '2026-12-05',
    ...extra,
  });

let a: Place;
let b: Place;
beforeAll(async () => {
  a = await place();
  b = await place();
});

describe('happy', () => {
  it('opens a case from a cluster: its tickets are linked and urgent, a new matching ticket attaches, each closes only with the owner’s consent', async () => {
    const res = await open(a);
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      status: 'open',
      ownerName: a.owner.user.displayName,
      ticketCount: 5,
      priority: 'urgent',
    });
    const rows = await t.db.select().from(tickets).where(eq(tickets.projectId, a.project.id));
    expect(rows.every((r) => r.priority === 'urgent')).toBe(true);
    expect((await open(a)).json().code).toBe('QUALITY_CLUSTER_HAS_CASE');

    const sixth = await a.file(5);
    await drainJobs(t);
    const links = await t.db.select().from(groupCaseTickets).where(eq(groupCaseTickets.caseId, c.id));
    expect(links.map((l) => l.ticketId)).toContain(sixth.id);
    expect((await t.db.select().from(tickets).where(eq(tickets.id, sixth.id)))[0]?.priority).toBe('urgent');

    const first = a.filed[0] as { id: string };
    const version = (await t.db.select().from(tickets).where(eq(tickets.id, first.id)))[0]?.version;
    const close = { action: 'close', version, resolution: '已修复', rootCause: 'workmanship' };
    const held = await a.manager.api.post(`/api/tickets/${first.id}/transitions`, close);
    expect(held.statusCode).toBe(409);
    expect(held.json().code).toBe('QUALITY_CASE_CONSENT_REQUIRED');
    // a manager who is not the owner cannot consent
    const notOwner = await a.manager.api.post(`/api/quality/cases/${c.id}/updates`, {
      action: 'consentClose',
      ticketIds: [first.id],
    });
    expect(notOwner.json().code).toBe('QUALITY_CASE_OWNER_ONLY');
    const consent = await a.owner.api.post(`/api/quality/cases/${c.id}/updates`, {
      action: 'consentClose',
      ticketIds: [first.id],
    });
    expect(consent.json().tickets.find((x: { id: string }) => x.id === first.id)).toMatchObject({ consented: true });
    // the close is no longer held by the case (the ticket's own workflow decides now)
    const after = await a.manager.api.post(`/api/tickets/${first.id}/transitions`, close);
    expect(after.json().code).not.toBe('QUALITY_CASE_CONSENT_REQUIRED');
  });

  it('runs the case: a task on a clock, updates and statements, one holding reply per ticket, then the closing report', async () => {
    const c = (await open(b)).json();
    const task = await b.owner.api.post(`/api/quality/cases/${c.id}/updates`, {
      action: 'addTask',
      title: '排查 3 号楼防水层',
      ownerUserId: b.manager.user.id,
      dueAt: '2026-11-22T10:00:00+08:00',
    });
    expect(task.statusCode).toBe(200);
    const [added] = task.json().tasks;
    const clock = await t.db
      .select()
      .from(slaClocks)
      .where(and(eq(slaClocks.subjectType, 'group_case_task'), eq(slaClocks.subjectId, added.id)));
    expect(clock).toHaveLength(1);
    expect(clock[0]?.stoppedAt).toBeNull();
    await b.owner.api.post(`/api/quality/cases/${c.id}/updates`, { action: 'status', body: '已组织工程部全面排查' });
    await b.owner.api.post(`/api/quality/cases/${c.id}/updates`, {
      action: 'statement',
      body: '致业主的一封信',
      audience: '3号楼业主',
    });
    const done = await b.owner.api.post(`/api/quality/cases/${c.id}/updates`, {
      action: 'completeTask',
      taskId: added.id,
      note: '已定位漏点',
    });
    expect(done.json().tasks[0]).toMatchObject({ status: 'done', note: '已定位漏点' });
    const stopped = await t.db.select().from(slaClocks).where(eq(slaClocks.subjectId, added.id));
    expect(stopped[0]?.stoppedAt).not.toBeNull();

    const reply = await b.owner.api.post(`/api/quality/cases/${c.id}/reply`, {
      body: '我们已成立专项小组，三日内给您答复',
    });
    expect(reply.statusCode).toBe(200);
    const notes = await t.db
      .select()
      .from(ticketEvents)
      .where(and(eq(ticketEvents.kind, 'note'), eq(ticketEvents.visibility, 'customer')));
    const ids = new Set(b.filed.map((f) => f.id));
    expect(notes.filter((n) => ids.has(n.ticketId) && n.body === '我们已成立专项小组，三日内给您答复')).toHaveLength(5);

    const closed = await b.manager.api.post(`/api/quality/cases/${c.id}/close`, {
      version: reply.json().version,
      cause: '卫生间防水层施工缺陷',
      measures: '整栋重做防水，闭水试验 48 小时',
      cost: 86000,
      lessons: '防水施工须全程旁站，闭水试验留影像',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toMatchObject({ status: 'closed', report: { cost: 86000 } });
    expect(closed.json().tickets.every((x: { consented: boolean }) => x.consented)).toBe(true);
    expect(closed.json().updates.map((u: { kind: string }) => u.kind)).toEqual([
      'opened',
      'task_added',
      'status',
      'statement',
      'task_done',
      'reply',
      'closed',
    ]);
    expect((await t.db.select().from(clusters).where(eq(clusters.id, b.cluster.id)))[0]?.status).toBe('closed');
    const again = await b.owner.api.post(`/api/quality/cases/${c.id}/updates`, { action: 'status', body: 'x' });
    expect(again.json().code).toBe('QUALITY_CASE_CLOSED');
  });
});

describe('error', () => {
  it('refuses a case without an owner, without a place, or with an unknown owner, writing nothing', async () => {
    const before = (await t.db.select().from(groupCases)).length;
    const noOwner = await a.manager.api.post('/api/quality/cases', {
      projectId: a.project.id,
      title: 'x',
      deadline: '2026-12-01',
    });
    expect(noOwner.statusCode).toBe(400);
    const noPlace = await a.manager.api.post('/api/quality/cases', {
      title: 'x',
      ownerUserId: a.owner.user.id,
      deadline: '2026-12-01',
    });
    expect(noPlace.json().code).toBe('QUALITY_CASE_PLACE_REQUIRED');
    const unknown = await a.manager.api.post('/api/quality/cases', {
      projectId: a.project.id,
      title: 'x',
      ownerUserId: '00000000-0000-4000-8000-000000000000',
      deadline: '2026-12-01',
    });
    expect(unknown.json().code).toBe('QUALITY_CASE_OWNER_INVALID');
    expect((await t.db.select().from(groupCases)).length).toBe(before);
  });
});

describe('security', () => {
  it('another company cannot read or run a case; an agent cannot open one', async () => {
    const [c] = await t.db.select().from(groupCases).where(eq(groupCases.projectId, a.project.id));
    expect((await b.manager.api.get(`/api/quality/cases/${c?.id}`)).statusCode).toBe(404);
    expect((await b.manager.api.post(`/api/quality/cases/${c?.id}/reply`, { body: 'x' })).statusCode).toBe(404);
    expect(
      (
        await a.agent.api.post('/api/quality/cases', {
          projectId: a.project.id,
          title: 'x',
          ownerUserId: a.owner.user.id,
          deadline: '2026-12-01',
        })
      ).statusCode,
    ).toBe(403);
    const list = (await b.manager.api.get('/api/quality/cases')).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(c?.id);
  });
});
