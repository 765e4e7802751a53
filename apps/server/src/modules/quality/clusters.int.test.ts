import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cityCompany, drainJobs, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { notifications, outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { clusters, ticketSignals } from './quality.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let phones = 0;
const phone = () => `1371111${String(++phones).padStart(4, '0')}`;

/** A project with two buildings of eight homes, its people at every warning level, and an agent taking calls. */
async function place() {
  const { region, company, project } = await cityCompany(t);
  const b3 = await projectWithUnits(
    t,
    project,
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `3-1-0${i}01`),
  );
  const b5 = await projectWithUnits(
    t,
    project,
    [1, 2, 3, 4, 5, 6, 7, 8].map((i) => `5-1-0${i}01`),
  );
  const people = {
    projectCr: await signedIn(t, project, ['cr_specialist'], { phone: phone() }),
    companyCr: await signedIn(t, company, ['cr_manager'], { phone: phone() }),
    companyGm: await signedIn(t, company, ['executive'], { phone: phone() }),
    regionExec: await signedIn(t, region, ['executive'], { phone: phone() }),
    groupCr: await signedIn(t, t.root, ['cr_manager'], { phone: phone() }),
  };
  const agent = await signedIn(t, company, ['hotline_agent']);
  return { region, company, project, b3, b5, people, agent };
}
type Place = Awaited<ReturnType<typeof place>>;

const HOUR = 3_600_000;
/** When the next call came in: tickets are filed with their reported time, the clock (and sessions) stay put. */
let at = 0;
const later = (ms: number) => {
  at += ms;
};
async function file(p: Place, unitId: string | null, body: Record<string, unknown>) {
  const res = await p.agent.api.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    reportedAt: new Date(at).toISOString(),
    ...(unitId ? { unitId } : { orgUnitId: p.project.id }),
    ...body,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string; version: number };
}

const clustersOf = (projectId: string) => t.db.select().from(clusters).where(eq(clusters.projectId, projectId));
const warningsTo = async (userId: string) =>
  (await t.db.select().from(notifications).where(eq(notifications.userId, userId))).filter(
    (n) => n.kind === 'quality_cluster.warning',
  );
const smsAbout = (clusterId: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.refId, clusterId), eq(outboxMessages.template, 'quality_cluster.warning')));

let p: Place;
beforeEach(async () => {
  t.clock.set(new Date('2026-11-20T02:00:00Z'));
  at = t.clock.now().getTime() - 20 * 24 * HOUR;
  p = await place();
});

describe('cluster detection', () => {
  it('leaks in one building over five days raise one cluster at level 2 (a leak counts double), warned once per level', async () => {
    const texts = ['卫生间天花板渗水', '主卫顶板渗水滴水', '卫生间吊顶漏水', '楼上渗水到卫生间', '卫生间天花发霉渗水'];
    for (const [i, title] of texts.entries()) {
      await file(p, p.b3[i % 4]?.id as string, { title, categoryCode: 'leak' });
      await drainJobs(t);
      if (i < 4) expect(await clustersOf(p.project.id)).toEqual([]);
      later(24 * HOUR);
    }
    const [cluster, ...more] = await clustersOf(p.project.id);
    expect(more).toEqual([]);
    expect(cluster).toMatchObject({ severity: 2, ticketCount: 5, householdCount: 4, status: 'open', warnedLevel: 2 });
    // level 1 and 2 people hear twice (once per level), level 1 only people too; the group (level 3) not at all
    expect(await warningsTo(p.people.projectCr.user.id)).toHaveLength(2);
    expect(await warningsTo(p.people.companyCr.user.id)).toHaveLength(2);
    expect(await warningsTo(p.people.companyGm.user.id)).toHaveLength(1);
    expect(await warningsTo(p.people.regionExec.user.id)).toHaveLength(1);
    expect(await warningsTo(p.people.groupCr.user.id)).toHaveLength(0);
    const sms = await smsAbout(cluster?.id as string);
    expect(sms.filter((m) => m.channel === 'sms')).toHaveLength(2 + 2 + 1 + 1);

    // a sixth leak joins; nothing new is sent until the severity rises
    await file(p, p.b3[5]?.id as string, { title: '卫生间天花板渗水', categoryCode: 'leak' });
    await drainJobs(t);
    const [grown] = await clustersOf(p.project.id);
    expect(grown).toMatchObject({ ticketCount: 6, householdCount: 5, severity: 2 });
    expect(await smsAbout(cluster?.id as string)).toHaveLength(sms.length);

    // a signal word with the leak takes it to level 3: the group's CR centre hears of it, once
    await file(p, p.b3[6]?.id as string, {
      title: '卫生间渗水',
      description: '业主群里说要找媒体曝光',
      categoryCode: 'leak',
    });
    await drainJobs(t);
    expect((await clustersOf(p.project.id))[0]).toMatchObject({ severity: 3, warnedLevel: 3 });
    expect(await warningsTo(p.people.groupCr.user.id)).toHaveLength(1);
    expect(await warningsTo(p.people.projectCr.user.id)).toHaveLength(3);
  });

  it('one problem filed under different categories clusters through similar Chinese descriptions', async () => {
    const filed = [
      ['walls', '卧室墙面渗水发霉'],
      ['floor', '卧室墙角渗水，地板泡水'],
      ['other', '外墙渗水导致卧室墙面发霉'],
      ['hvac', '空调洞口渗水，卧室墙面湿'],
      ['doors_windows', '卧室窗台下墙面渗水发霉'],
    ];
    for (const [i, [categoryCode, title]] of filed.entries()) {
      await file(p, p.b5[i]?.id as string, { title, categoryCode });
      later(12 * HOUR);
    }
    await drainJobs(t);
    const [cluster, ...more] = await clustersOf(p.project.id);
    expect(more).toEqual([]);
    expect(cluster).toMatchObject({ ticketCount: 5, householdCount: 5, severity: 1 });
    expect(await warningsTo(p.people.companyGm.user.id)).toHaveLength(0);
  });

  it('scattered tickets across the project, too few households, or spread over more than W days raise nothing', async () => {
    // the same problem in two buildings: neither has five
    for (let i = 0; i < 4; i++) {
      await file(p, p.b3[i]?.id as string, { title: '入户门锁坏了', categoryCode: 'fixtures' });
      await file(p, p.b5[i]?.id as string, { title: '入户门锁坏了', categoryCode: 'fixtures' });
    }
    // five calls from two homes
    for (let i = 0; i < 5; i++)
      await file(p, p.b3[i % 2]?.id as string, { title: '阳台推拉门关不严', categoryCode: 'doors_windows' });
    // five homes, but eight days apart from first to last with a gap: no seven-day window holds five
    for (let i = 0; i < 5; i++) {
      await file(p, p.b5[i]?.id as string, { title: '厨房插座没电', categoryCode: 'electrical' });
      later((i === 1 ? 6 : 0.5) * 24 * HOUR);
    }
    // unrelated defects in one building
    const unrelated = ['厨房下水堵塞', '客厅墙面开裂', '卧室地面空鼓', '空调冷凝水倒灌', '入户插座无电'];
    for (const [i, title] of unrelated.entries())
      await file(p, p.b3[i]?.id as string, { title, categoryCode: 'other' });
    await drainJobs(t);
    expect(await clustersOf(p.project.id)).toEqual([]);
  });

  it('a ticket with a signal word alone alerts the city company’s CR manager once, and raises no cluster', async () => {
    const ticket = await file(p, p.b3[0]?.id as string, { title: '电梯停运三天', description: '再不修就找律师起诉' });
    await drainJobs(t);
    expect(await clustersOf(p.project.id)).toEqual([]);
    const alerts = (
      await t.db.select().from(notifications).where(eq(notifications.userId, p.people.companyCr.user.id))
    ).filter((n) => n.kind === 'quality.risk_ticket');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.params).toMatchObject({ number: ticket.number });
    // the listener run again (a redelivery) adds nothing
    await t.db.transaction((tx) => t.services.quality.detector.ingest(tx, ticket.id, t.clock.now()));
    expect(
      await t.db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.idempotencyKey, `risk:${ticket.id}%`)),
    ).toHaveLength(1);
  });

  it('a cluster in an unnamed common area is worded in the reader’s language (both words in the notice)', async () => {
    for (let i = 0; i < 5; i++) {
      later(HOUR);
      await file(p, null, { title: '地下车库顶板渗水', categoryCode: 'leak' });
    }
    await drainJobs(t);
    expect(await clustersOf(p.project.id)).toHaveLength(1);
    const [warning] = await warningsTo(p.people.companyCr.user.id);
    expect(warning?.params).toMatchObject({ place: '公共区域', placeZh: '公共区域', placeEn: 'Common area' });
  });

  it('merging or cancelling members removes them; below N the cluster stays raised, marked, and sends nothing new', async () => {
    const ids: { id: string; version: number }[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(await file(p, p.b3[i]?.id as string, { title: '地下车库顶板渗水', categoryCode: 'walls' }));
    await drainJobs(t);
    const [cluster] = await clustersOf(p.project.id);
    expect(cluster).toMatchObject({ ticketCount: 5, status: 'open' });
    const sent = (await smsAbout(cluster?.id as string)).length;
    const [a, b] = ids as [{ id: string; version: number }, { id: string; version: number }];
    const cancel = await p.people.companyCr.api.post(`/api/tickets/${a.id}/transitions`, {
      action: 'cancel',
      version: a.version,
      reason: '重复来电',
    });
    expect(cancel.statusCode).toBe(200);
    await drainJobs(t);
    const after = (await clustersOf(p.project.id))[0];
    expect(after).toMatchObject({ ticketCount: 4, status: 'below_threshold' });
    const signal = (await t.db.select().from(ticketSignals).where(eq(ticketSignals.ticketId, a.id)))[0];
    expect(signal).toMatchObject({ active: false, clusterId: null });
    const detail = (await p.people.companyCr.api.get(`/api/quality/clusters/${cluster?.id}`)).json();
    expect(detail.tickets.map((x: { id: string }) => x.id)).not.toContain(a.id);
    expect(detail.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['raised', 'warned', 'removed', 'below_threshold']),
    );
    expect((await smsAbout(cluster?.id as string)).length).toBe(sent);
    expect(b).toBeTruthy();
  });
});
