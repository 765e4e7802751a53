import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { owner, servicePlace } from '../../../test/service-factories.js';
import { knowledgeArticles, knowledgeArticleVersions } from './knowledge.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Api = Awaited<ReturnType<typeof signedIn>>['api'];
const fail = (res: { statusCode: number; json: () => { code: string } }) => [res.statusCode, res.json().code];
/** A category code of this test alone, so searches filtered by it see only this test's articles. */
const category = () => `kb_${randomUUID().slice(0, 8)}`;

const leakBody = (cat: string, extra: Record<string, unknown> = {}) => ({
  title: '卫生间吊顶渗水',
  symptom: '楼下卫生间天花板出现水渍、滴水，雨天或楼上用水后加重',
  causes: [
    { text: '楼上卫生间防水层施工不到位，闭水试验未做足 48 小时', class: 'workmanship' },
    { text: '地漏与楼板之间的止水节材料老化开裂', class: 'material' },
  ],
  fix: '楼上卫生间做闭水试验定位渗点，凿除地面重做防水（上翻 30 cm），修补楼下吊顶',
  responsibleParty: '防水分包单位',
  prevention: '防水完工后闭水 48 小时并由监理签认',
  categoryCodes: [cat],
  part: '卫生间',
  audience: 'staff',
  status: 'published',
  ...extra,
});

async function save(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/api/knowledge/articles', body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { id: string; number: string; version: number; primaryCause: string | null } & Record<
    string,
    unknown
  >;
}

async function place() {
  const { company, project } = await cityCompany(t);
  const manager = await signedIn(t, company, ['cr_manager']);
  const agent = await signedIn(t, project, ['hotline_agent']);
  return { company, project, manager, agent };
}

describe('happy', () => {
  it('saves an article, reads it back with its primary cause, and every save is a version', async () => {
    const p = await place();
    const cat = category();
    const created = await save(p.manager.api, leakBody(cat, { status: 'draft' }));
    expect(created).toMatchObject({
      number: expect.stringMatching(/^KB\d{5}$/),
      orgUnitId: p.company.id,
      primaryCause: 'workmanship',
      status: 'draft',
      version: 1,
    });
    const published = await save(p.manager.api, {
      ...leakBody(cat),
      id: created.id,
      version: 1,
      title: '卫生间吊顶渗水（楼上防水失效）',
    });
    expect(published).toMatchObject({ version: 2, status: 'published', title: '卫生间吊顶渗水（楼上防水失效）' });
    const versions = (await p.agent.api.get(`/api/knowledge/articles/${created.id}/versions`)).json().items;
    expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'draft'],
    ]);
    const old = await p.agent.api.get(`/api/knowledge/articles/${created.id}?version=1`);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ title: '卫生间吊顶渗水', status: 'draft', version: 1 });
    expect((await p.agent.api.get(`/api/knowledge/articles/${created.id}`)).json().version).toBe(2);
  });

  it('finds an article by segmented Chinese words, the title ranked above the body, filtered by category', async () => {
    const p = await place();
    const cat = category();
    const inTitle = await save(p.manager.api, leakBody(cat));
    const inBody = await save(p.manager.api, {
      ...leakBody(cat),
      title: '吊顶石膏板发霉',
      symptom: '吊顶受潮后发霉，常因卫生间渗水未及时处理',
      causes: [{ text: '通风不足', class: 'design' }],
    });
    await save(p.manager.api, {
      ...leakBody(cat),
      title: '入户门关不严',
      symptom: '门扇下垂',
      causes: [],
      fix: '调整合页',
      part: '入户门',
    });
    const res = await p.agent.api.get(
      `/api/knowledge/articles?q=${encodeURIComponent('卫生间天花板渗水')}&category=${cat}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((h: { id: string }) => h.id)).toEqual([inTitle.id, inBody.id]);
    const none = await p.agent.api.get(`/api/knowledge/articles?q=${encodeURIComponent('电梯困人')}&category=${cat}`);
    expect(none.json().items).toEqual([]);
  });

  it('pages a long list with the cursor, each article once', async () => {
    const p = await place();
    const cat = category();
    for (let i = 0; i < 5; i++) await save(p.manager.api, { ...leakBody(cat), title: `墙面空鼓 ${i}` });
    const first = (await p.agent.api.get(`/api/knowledge/articles?category=${cat}&limit=3`)).json();
    expect(first.items).toHaveLength(3);
    const second = (
      await p.agent.api.get(`/api/knowledge/articles?category=${cat}&limit=3&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((h: { id: string }) => h.id);
    expect(new Set(ids).size).toBe(5);
  });

  it('suggests the matching published standard problem for what an agent types, the category ranked up', async () => {
    const p = await place();
    const cat = category();
    const leak = await save(p.manager.api, leakBody(cat));
    await save(p.manager.api, { ...leakBody(cat), title: '卫生间渗水（草稿）', status: 'draft' });
    const other = await save(p.manager.api, {
      ...leakBody(category()),
      title: '厨房下水堵塞',
      symptom: '水槽排水慢',
      causes: [{ text: '油污', class: 'owner_misuse' }],
      fix: '疏通下水管',
      part: '厨房',
    });
    const res = await p.agent.api.post('/api/knowledge/suggest', {
      title: '卫生间天花板渗水',
      description: '',
      category: cat,
    });
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((h: { id: string }) => h.id);
    expect(ids[0]).toBe(leak.id);
    expect(ids).not.toContain(other.id);
    expect(res.json().items.every((h: { status: string }) => h.status === 'published')).toBe(true);
  });

  it('gives owners the published owner-facing articles as home care', async () => {
    const sp = await servicePlace(t);
    const manager = await signedIn(t, sp.company, ['cr_manager']);
    const cat = category();
    const care = await save(manager.api, {
      ...leakBody(cat),
      title: '地暖使用注意事项',
      symptom: '地暖首次开启升温慢、地面开裂',
      audience: 'owner',
    });
    await save(manager.api, { ...leakBody(cat), title: '地暖分集水器漏水（内部）' });
    await save(manager.api, { ...leakBody(cat), title: '地暖草稿', audience: 'owner', status: 'draft' });
    const o = await owner(t, sp);
    const res = await o.portal.get(`/api/portal/home-care?category=${cat}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((a: { id: string }) => a.id)).toEqual([care.id]);
    const found = await o.portal.get(`/api/portal/home-care?q=${encodeURIComponent('地暖开裂')}&category=${cat}`);
    expect(found.json().items.map((a: { id: string }) => a.id)).toEqual([care.id]);
    expect(found.json().items[0]).not.toHaveProperty('causes');
  });
});

describe('error', () => {
  it('refuses an article without a title: 400 KNOWLEDGE_TITLE_REQUIRED, nothing written', async () => {
    const p = await place();
    const cat = category();
    expect(fail(await p.manager.api.post('/api/knowledge/articles', leakBody(cat, { title: '   ' })))).toEqual([
      400,
      'KNOWLEDGE_TITLE_REQUIRED',
    ]);
    const rows = await t.db.select().from(knowledgeArticles).where(eq(knowledgeArticles.orgUnitId, p.company.id));
    expect(rows).toEqual([]);
  });

  it('refuses a stale save: 409 VERSION_CONFLICT, no version added', async () => {
    const p = await place();
    const a = await save(p.manager.api, leakBody(category()));
    await save(p.manager.api, { ...leakBody(category()), id: a.id, version: 1, title: '甲' });
    const stale = await p.manager.api.post('/api/knowledge/articles', {
      ...leakBody(category()),
      id: a.id,
      version: 1,
    });
    expect(fail(stale)).toEqual([409, 'VERSION_CONFLICT']);
    const versions = await t.db
      .select()
      .from(knowledgeArticleVersions)
      .where(eq(knowledgeArticleVersions.articleId, a.id));
    expect(versions).toHaveLength(2);
  });

  it('refuses a bad cause class, an unknown article and a placement at a project', async () => {
    const p = await place();
    const bad = await p.manager.api.post('/api/knowledge/articles', {
      ...leakBody(category()),
      causes: [{ text: 'x', class: 'weather' }],
    });
    expect(fail(bad)).toEqual([400, 'VALIDATION_FAILED']);
    expect(fail(await p.agent.api.get(`/api/knowledge/articles/${randomUUID()}`))).toEqual([
      404,
      'KNOWLEDGE_ARTICLE_NOT_FOUND',
    ]);
    const atProject = await p.manager.api.post('/api/knowledge/articles', {
      ...leakBody(category()),
      orgUnitId: p.project.id,
    });
    expect(fail(atProject)).toEqual([422, 'KNOWLEDGE_PLACE_INVALID']);
  });
});

describe('security', () => {
  it('agents read but do not write; contractors do not read', async () => {
    const p = await place();
    expect(fail(await p.agent.api.post('/api/knowledge/articles', leakBody(category())))).toEqual([403, 'FORBIDDEN']);
    const contractor = await signedIn(t, p.company, ['contractor']);
    expect(fail(await contractor.api.get('/api/knowledge/articles'))).toEqual([403, 'FORBIDDEN']);
    expect(fail(await contractor.api.post('/api/knowledge/suggest', { title: '渗水' }))).toEqual([403, 'FORBIDDEN']);
  });

  it('another company neither sees nor edits a company article; the group’s articles reach every company', async () => {
    const a = await place();
    const b = await place();
    const cat = category();
    const mine = await save(a.manager.api, leakBody(cat));
    expect(fail(await b.agent.api.get(`/api/knowledge/articles/${mine.id}`))).toEqual([
      404,
      'KNOWLEDGE_ARTICLE_NOT_FOUND',
    ]);
    expect((await b.agent.api.get(`/api/knowledge/articles?category=${cat}`)).json().items).toEqual([]);
    const edit = await b.manager.api.post('/api/knowledge/articles', { ...leakBody(cat), id: mine.id, version: 1 });
    expect(fail(edit)).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
    const group = await signedIn(t, t.root, ['cr_manager']);
    const groupWide = await save(group.api, leakBody(cat));
    const seen = (await b.agent.api.get(`/api/knowledge/articles?category=${cat}`)).json().items;
    expect(seen.map((h: { id: string }) => h.id)).toEqual([groupWide.id]);
    // a company reads the group's article but cannot change it
    const up = await b.manager.api.post('/api/knowledge/articles', { ...leakBody(cat), id: groupWide.id, version: 1 });
    expect(fail(up)).toEqual([404, 'KNOWLEDGE_ARTICLE_NOT_FOUND']);
  });

  it('owners never see staff-only articles, and home care needs an owner session', async () => {
    const sp = await servicePlace(t);
    const manager = await signedIn(t, sp.company, ['cr_manager']);
    const cat = category();
    await save(manager.api, { ...leakBody(cat), title: '防水层施工缺陷（内部）', audience: 'staff' });
    const o = await owner(t, sp);
    const res = await o.portal.get(`/api/portal/home-care?q=${encodeURIComponent('防水施工缺陷')}&category=${cat}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([]);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/portal/home-care' });
    expect(anonymous.statusCode).toBe(401);
    // the staff API is not open to an owner's cookie
    expect((await o.portal.get(`/api/knowledge/articles?category=${cat}`)).statusCode).toBe(401);
  });
});
