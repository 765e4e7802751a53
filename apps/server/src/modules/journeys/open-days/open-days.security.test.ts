import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerCookie, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { openDayProject } from '../../../../test/open-day-factories.js';

let t: TestApp;
let p: Awaited<ReturnType<typeof openDayProject>>;
let other: Awaited<ReturnType<typeof openDayProject>>;
let day: { id: string };
let otherDay: { id: string };
let item: { id: string; version: number };
let issue: { id: string; version: number };

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-10T00:30:00Z')); // the open day, 08:30 in China
  p = await openDayProject(t, 2);
  other = await openDayProject(t, 1);
  day = await p.create();
  otherDay = await other.create();
  const owner = p.people[0]?.id;
  await p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: owner });
  const record = async (body: Record<string, unknown>) =>
    (
      await p.manager.api.post(`/api/open-days/${day.id}/items`, {
        categoryCode: 'design',
        content: '阳台进深不足',
        ...body,
      })
    ).json();
  item = await record({ kind: 'suggestion', customerId: owner });
  issue = await record({ kind: 'issue' });
});
afterAll(() => t.close());

const portal = (cookie: string, method: 'GET' | 'POST', url: string) =>
  t.app.inject({ method, url, headers: { cookie }, ...(method === 'POST' ? { payload: {} } : {}) });

describe('open days: staff see and act only in their subtree', () => {
  it('another company’s staff get 404 for every open-day call, and an empty list', async () => {
    const api = other.manager.api;
    const list = (await api.get('/api/open-days')).json();
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([otherDay.id]);
    const calls = [
      api.get(`/api/open-days/${day.id}`),
      api.post(`/api/open-days/${day.id}/registrations`, { customerId: p.people[1]?.id }),
      api.post(`/api/open-days/${day.id}/check-in`, { customerId: p.people[0]?.id }),
      api.post(`/api/open-days/${day.id}/items`, { kind: 'issue', categoryCode: 'leak', content: '渗水' }),
      api.post(`/api/open-days/${day.id}/items/${item.id}/answer`, { version: item.version, answer: '已答复' }),
      api.post(`/api/open-days/${day.id}/items/${issue.id}/rectify`, {
        version: issue.version,
        action: 'rectify',
        note: '已整改',
      }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.json().code).toBe('OPEN_DAY_NOT_FOUND');
    }
    const create = await api.post('/api/open-days', {
      projectId: p.project.id,
      title: '越权',
      heldOn: '2026-03-20',
      startsAt: '2026-03-20T01:00:00Z',
      endsAt: '2026-03-20T02:00:00Z',
    });
    expect(create.json()).toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('needs journeys.manage to create an open day or verify a rectification, journeys.work to record', async () => {
    const worker = await signedIn(t, p.company, ['department_staff']); // journeys.read + work
    const created = await worker.api.post('/api/open-days', {
      projectId: p.project.id,
      title: '无权新建',
      heldOn: '2026-03-20',
      startsAt: '2026-03-20T01:00:00Z',
      endsAt: '2026-03-20T02:00:00Z',
    });
    expect(created.statusCode).toBe(403);
    const rectified = await worker.api.post(`/api/open-days/${day.id}/items/${issue.id}/rectify`, {
      version: issue.version,
      action: 'rectify',
      note: '已修补',
    });
    expect(rectified.statusCode, rectified.body).toBe(200);
    const verify = await worker.api.post(`/api/open-days/${day.id}/items/${issue.id}/rectify`, {
      version: rectified.json().version,
      action: 'verify',
    });
    expect(verify.statusCode).toBe(403);
    const viewer = await signedIn(t, p.company, ['executive']); // journeys.read only
    expect((await viewer.api.get(`/api/open-days/${day.id}`)).statusCode).toBe(200);
    const reg = await viewer.api.post(`/api/open-days/${day.id}/registrations`, { customerId: p.people[1]?.id });
    expect(reg.statusCode).toBe(403);
    const hotline = await signedIn(t, p.company, ['hotline_agent']); // no journeys permission
    expect((await hotline.api.get('/api/open-days')).statusCode).toBe(403);
  });
});

describe('open days in the portal: an owner sees only their own projects and suggestions', () => {
  let stranger: string;
  beforeAll(async () => {
    stranger = await ownerCookie(t, other.people[0]?.phone as string);
  });

  it('lists the open days of my projects with my suggestions, never another project’s or another owner’s', async () => {
    const mine = await ownerCookie(t, p.people[0]?.phone as string);
    const neighbour = await ownerCookie(t, p.people[1]?.phone as string);
    const list = async (cookie: string) => (await portal(cookie, 'GET', '/api/portal/open-days')).json().items;
    const [own] = await list(mine);
    expect(own).toMatchObject({ id: day.id, registered: true });
    expect(own.mySuggestions.map((s: { id: string }) => s.id)).toEqual([item.id]);
    const [theirs] = await list(neighbour);
    expect(theirs).toMatchObject({ id: day.id, registered: false, mySuggestions: [] });
    expect((await list(stranger)).map((d: { id: string }) => d.id)).toEqual([otherDay.id]);
  });

  it('cannot register for another project’s open day, nor use the staff API, nor anything signed out', async () => {
    const res = await portal(stranger, 'POST', `/api/portal/open-days/${day.id}/register`);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('OPEN_DAY_NOT_FOUND');
    const staff = await portal(stranger, 'GET', `/api/open-days/${day.id}`);
    expect(staff.statusCode).toBe(401);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/portal/open-days' });
    expect(anonymous.statusCode).toBe(401);
    const board = (await p.manager.api.get(`/api/open-days/${day.id}`)).json();
    expect(board.registrationList).toHaveLength(1);
  });
});
