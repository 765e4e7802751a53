import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, drainJobs, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { auditEvents } from '../../platform/audit/audit.tables.js';
import { clusterRules, clusters } from './quality.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-20T02:00:00Z'));
});
afterAll(() => t.close());

/** A city company with a project whose building 3 has a cluster of five leaks (raised through the real detector). */
async function companyWithCluster() {
  const place = await cityCompany(t);
  const homes = await projectWithUnits(
    t,
    place.project,
    [1, 2, 3, 4, 5].map((i) => `3-1-0${i}01`),
  );
  const manager = await signedIn(t, place.company, ['cr_manager']);
  const base = t.clock.now().getTime() - 5 * 86_400_000;
  for (const [i, home] of homes.entries()) {
    const res = await manager.api.post('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      unitId: home.id,
      title: '卫生间天花板渗水',
      categoryCode: 'leak',
      reportedAt: new Date(base + i * 3_600_000).toISOString(),
    });
    expect(res.statusCode).toBe(201);
  }
  await drainJobs(t);
  const [cluster] = await t.db.select().from(clusters).where(eq(clusters.projectId, place.project.id));
  if (!cluster) throw new Error('no cluster');
  return { ...place, manager, cluster, homes };
}

let a: Awaited<ReturnType<typeof companyWithCluster>>;
let b: Awaited<ReturnType<typeof companyWithCluster>>;
beforeAll(async () => {
  a = await companyWithCluster();
  b = await companyWithCluster();
});

const rule = {
  windowDays: 5,
  minTickets: 4,
  minHouseholds: 3,
  similarity: 0.4,
  doubleCategories: ['leak'],
  signalWords: ['媒体', '律师'],
  groupLevel: 2,
};

describe('happy', () => {
  it('lists, maps, reads and acknowledges a cluster (once per person, on its timeline, audited)', async () => {
    const list = await a.manager.api.get(`/api/quality/clusters?projectId=${a.project.id}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      number: a.cluster.number,
      place: '3号楼',
      severity: 2,
      acknowledged: false,
    });

    const map = (await a.manager.api.get(`/api/quality/cluster-map?projectId=${a.project.id}`)).json();
    expect(map.buildings).toEqual([expect.objectContaining({ name: '3号楼', severity: 2, clusters: 1 })]);

    const detail = (await a.manager.api.get(`/api/quality/clusters/${a.cluster.id}`)).json();
    expect(detail.tickets).toHaveLength(5);
    expect(detail.categories).toEqual(['cat:leak']);

    const ack = await a.manager.api.post(`/api/quality/clusters/${a.cluster.id}/acknowledge`, { note: '已安排排查' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json()).toMatchObject({ acknowledged: true, acknowledgements: [{ note: '已安排排查', level: 1 }] });
    await a.manager.api.post(`/api/quality/clusters/${a.cluster.id}/acknowledge`, {});
    const again = (await a.manager.api.get(`/api/quality/clusters/${a.cluster.id}`)).json();
    expect(again.acknowledgements).toHaveLength(1);
    expect(again.events.filter((e: { kind: string }) => e.kind === 'acknowledged')).toHaveLength(1);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.entityId, a.cluster.id));
    expect(audit.map((e) => e.action)).toEqual(['quality_cluster.acknowledge']);
  });

  it('sets a company’s rule, then edits it with its version; the list shows it with the defaults', async () => {
    const created = await a.manager.api.put(`/api/quality/cluster-rules/${a.company.id}`, rule);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ ...rule, version: 1 });
    const edited = await a.manager.api.put(`/api/quality/cluster-rules/${a.company.id}`, {
      ...rule,
      windowDays: 10,
      version: 1,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ windowDays: 10, version: 2 });
    const stale = await a.manager.api.put(`/api/quality/cluster-rules/${a.company.id}`, { ...rule, version: 1 });
    expect(stale.statusCode).toBe(409);
    const list = (await a.manager.api.get('/api/quality/cluster-rules')).json();
    expect(list.defaults).toMatchObject({ windowDays: 7, minTickets: 5, minHouseholds: 4 });
    expect(list.items.map((r: { orgUnitId: string }) => r.orgUnitId)).toContain(a.company.id);
    // the rule is the detector's from now on
    expect(await t.services.quality.rules.ruleFor(t.db, a.project.path)).toMatchObject({
      windowDays: 10,
      minTickets: 4,
    });
  });
});

describe('error', () => {
  it.each([
    ['a zero window', { ...rule, windowDays: 0 }, 400],
    ['a negative window', { ...rule, windowDays: -3 }, 400],
    ['more households than tickets', { ...rule, minTickets: 3, minHouseholds: 4 }, 400],
    ['a similarity above 1', { ...rule, similarity: 1.5 }, 400],
  ])('refuses %s with a stable code and writes nothing', async (_name, body, status) => {
    const res = await b.manager.api.put(`/api/quality/cluster-rules/${b.company.id}`, body);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toMatch(/^[A-Z_]+$/);
    expect(await t.db.select().from(clusterRules).where(eq(clusterRules.orgUnitId, b.company.id))).toEqual([]);
  });

  it('refuses a rule on a project (rules belong to a company or the group)', async () => {
    const res = await b.manager.api.put(`/api/quality/cluster-rules/${b.project.id}`, rule);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('QUALITY_RULE_NODE');
  });

  it('answers 404 for an unknown cluster and a project outside the map', async () => {
    const res = await b.manager.api.get('/api/quality/clusters/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('QUALITY_CLUSTER_NOT_FOUND');
    expect((await b.manager.api.get(`/api/quality/cluster-map?projectId=${b.company.id}`)).statusCode).toBe(404);
  });
});

describe('security', () => {
  it('a city company never sees another’s clusters, map or rule', async () => {
    const list = (await b.manager.api.get('/api/quality/clusters')).json();
    expect(list.items.map((c: { id: string }) => c.id)).not.toContain(a.cluster.id);
    expect((await b.manager.api.get(`/api/quality/clusters/${a.cluster.id}`)).statusCode).toBe(404);
    expect((await b.manager.api.post(`/api/quality/clusters/${a.cluster.id}/acknowledge`, {})).statusCode).toBe(404);
    expect((await b.manager.api.get(`/api/quality/cluster-map?projectId=${a.project.id}`)).statusCode).toBe(404);
    expect((await b.manager.api.put(`/api/quality/cluster-rules/${a.company.id}`, rule)).statusCode).toBe(404);
  });

  it('the group sees every company’s clusters', async () => {
    const group = await signedIn(t, t.root, ['cr_manager']);
    const ids = (await group.api.get('/api/quality/clusters?limit=200')).json().items.map((c: { id: string }) => c.id);
    expect(ids).toEqual(expect.arrayContaining([a.cluster.id, b.cluster.id]));
  });

  it('people without quality permissions are refused; a specialist reads but cannot set rules', async () => {
    const agent = await signedIn(t, a.company, ['hotline_agent']);
    expect((await agent.api.get('/api/quality/clusters')).statusCode).toBe(403);
    const contractor = await signedIn(t, a.company, ['contractor']);
    expect((await contractor.api.get(`/api/quality/clusters/${a.cluster.id}`)).statusCode).toBe(403);
    const specialist = await signedIn(t, a.project, ['cr_specialist']);
    expect((await specialist.api.get(`/api/quality/clusters/${a.cluster.id}`)).statusCode).toBe(200);
    expect((await specialist.api.put(`/api/quality/cluster-rules/${a.company.id}`, rule)).statusCode).toBe(403);
  });
});
