import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Api = Awaited<ReturnType<typeof signedIn>>['api'];
const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];

async function place() {
  const { company, project } = await cityCompany(t);
  const manager = await signedIn(t, company, ['cr_manager']);
  const agent = await signedIn(t, project, ['hotline_agent']);
  const coordinator = await signedIn(t, company, ['cr_specialist']);
  const article = await manager.api.post('/api/knowledge/articles', {
    title: '卫生间吊顶渗水',
    symptom: '楼下卫生间天花板水渍、滴水',
    causes: [
      { text: '楼上卫生间防水层破损', class: 'workmanship' },
      { text: '止水节老化', class: 'material' },
    ],
    fix: '闭水试验定位渗点，重做防水',
    categoryCodes: ['leak'],
    part: '卫生间',
    status: 'published',
  });
  expect(article.statusCode, article.body).toBe(200);
  return { company, project, manager, agent, coordinator, article: article.json() as { id: string } };
}

/** A repair taken in by the agent and handed to the project's own staff, ready to close. */
async function openRepair(api: Api, projectId: string) {
  const created = await api.post('/api/tickets', {
    type: 'repair',
    channel: 'hotline',
    title: '卫生间天花板渗水',
    description: '楼上邻居洗澡后我家卫生间天花板滴水',
    orgUnitId: projectId,
    inspectionRequired: false,
    contactPhone: '13900001111',
  });
  expect(created.statusCode, created.body).toBe(201);
  const ticket = created.json();
  const dispatched = await api.post(`/api/tickets/${ticket.id}/transitions`, {
    action: 'dispatch',
    assigneeOrgId: projectId,
    version: ticket.version,
  });
  expect(dispatched.statusCode, dispatched.body).toBe(200);
  return dispatched.json() as { id: string; version: number; workOrders: { id: string; version: number }[] };
}

describe('standard problems at intake and at closing', () => {
  it('offers the matching standard problem to an agent typing 卫生间天花板渗水 at intake', async () => {
    const p = await place();
    const res = await p.agent.api.post('/api/knowledge/suggest', { title: '卫生间天花板渗水', description: '' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0]).toMatchObject({
      id: p.article.id,
      title: '卫生间吊顶渗水',
      primaryCause: 'workmanship',
    });
  });

  it('closing a repair with the standard problem fills its root cause and remembers the article', async () => {
    const p = await place();
    const ticket = await openRepair(p.coordinator.api, p.project.id);
    const closed = await p.coordinator.api.post(`/api/tickets/${ticket.id}/transitions`, {
      action: 'close',
      version: ticket.version,
      resolution: '重做楼上卫生间防水，修补吊顶',
      knowledgeArticleId: p.article.id,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ rootCause: 'workmanship', knowledgeArticleId: p.article.id });
  });

  it('refuses a standard problem the ticket’s place does not see: 404, the ticket stays open', async () => {
    const p = await place();
    const other = await place();
    const ticket = await openRepair(p.coordinator.api, p.project.id);
    const res = await p.coordinator.api.post(`/api/tickets/${ticket.id}/transitions`, {
      action: 'close',
      version: ticket.version,
      resolution: '已处理',
      knowledgeArticleId: other.article.id,
    });
    expect(fail(res)).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    expect((await p.coordinator.api.get(`/api/tickets/${ticket.id}`)).json()).toMatchObject({
      status: 'dispatched',
      rootCause: null,
      knowledgeArticleId: null,
    });
  });
});
