import { and, desc, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type as, cityCompany, drainJobs, ownerCookie, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { multipartFile } from '../../../test/multipart.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { jobs } from '../../platform/jobs/job.tables.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { tickets } from '../tickets/ticket.tables.js';
import { SEND_LOGIN_CODE_JOB } from './owner-auth.service.js';

let t: TestApp;
let staff: ReturnType<typeof as>;
let place: Awaited<ReturnType<typeof cityCompany>>;
let other: Awaited<ReturnType<typeof cityCompany>>;
let unitId: string;
let otherUnitId: string;
let jpeg: Buffer;
const OWNER = '13912340001';
const NEIGHBOUR = '13912340002';

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;
type Owner = {
  cookie: string;
  get: (url: string) => Promise<Response>;
  post: (url: string, body?: object, headers?: Record<string, string>) => Promise<Response>;
  put: (url: string, body: object) => Promise<Response>;
};

const requestCode = (phone: string, ip = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/portal/auth/code', payload: { phone }, remoteAddress: ip });

async function lastCode(phone: string) {
  await drainJobs(t); // the SMS is sent by a job, off the request path
  const [m] = await t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.template, 'owner.login_code')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  return (m?.params as { code: string } | undefined)?.code ?? null;
}

/** Signs an owner in the way the portal does: a code by SMS (read from the outbox), then verify. */
async function ownerSession(phone: string): Promise<Owner> {
  t.clock.advance(13 * 60_000); // stays under 5 codes per number and per IP an hour
  const cookie = await ownerCookie(t, phone);
  return {
    cookie,
    get: (url) => t.app.inject({ method: 'GET', url, headers: { cookie } }),
    post: (url, body, headers = {}) =>
      t.app.inject({ method: 'POST', url, headers: { cookie, ...headers }, ...(body ? { payload: body } : {}) }),
    put: (url, body) => t.app.inject({ method: 'PUT', url, headers: { cookie }, payload: body }),
  };
}

async function person(name: string, phone: string, projectId: string, unit: string) {
  const res = await staff.post('/api/customers', { name, phones: [{ phone, isPrimary: true }], orgUnitId: projectId });
  const id = res.json().customer.id as string;
  expect((await staff.post(`/api/customers/${id}/ownerships`, { unitId: unit })).statusCode).toBe(201);
  return id;
}

/** Staff sessions idle out as the tests move the clock: sign in again where staff act late. */
const freshStaff = async () => (await signedIn(t, t.root, ['system_admin'])).api;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  place = await cityCompany(t);
  other = await cityCompany(t);
  unitId = (await projectWithUnits(t, place.project, ['3-1-1502']))[0]?.id as string;
  otherUnitId = (await projectWithUnits(t, other.project, ['9-9-0909']))[0]?.id as string;
  staff = (await signedIn(t, t.root, ['system_admin'])).api;
  await person('王业主', OWNER, place.project.id, unitId);
  await person('李邻居', NEIGHBOUR, other.project.id, otherUnitId);
  jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#777' } })
    .jpeg()
    .toBuffer();
});
afterAll(() => t.close());

describe('owner sign-in by SMS code', () => {
  it('answers the same for known and unknown numbers, and only texts the known one (immediately)', async () => {
    t.clock.advance(3_600_000);
    const known = await requestCode('13912349999'.replace('9999', '0001'));
    const unknown = await requestCode('13700000000');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json()).toEqual(known.json());
    // the request path writes the same for both (a code row and a job); only the job looks the number up
    const handedOff = await t.db
      .select({ payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.name, SEND_LOGIN_CODE_JOB), eq(jobs.status, 'queued')));
    expect(handedOff.map((j) => (j.payload as { phone: string }).phone).sort()).toEqual(['13700000000', OWNER]);
    expect(await lastCode(OWNER)).toMatch(/^\d{6}$/);
    expect(await lastCode('13700000000')).toBeNull();
    const verify = await t.app.inject({
      method: 'POST',
      url: '/api/portal/auth/verify',
      payload: { phone: '13700000000', code: '123456' },
    });
    expect(verify.statusCode).toBe(400);
    expect(verify.json().code).toBe('OWNER_CODE_INVALID');
  });

  it('refuses a wrong code, accepts the right one once, and forgets it after 5 minutes', async () => {
    t.clock.advance(3_600_000);
    await requestCode(OWNER);
    const code = (await lastCode(OWNER)) as string;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const verify = (c: string) =>
      t.app.inject({ method: 'POST', url: '/api/portal/auth/verify', payload: { phone: OWNER, code: c } });
    expect((await verify(wrong)).json().code).toBe('OWNER_CODE_INVALID');
    const ok = await verify(code);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '王业主', phoneMasked: '139****0001', homeCount: 1 });
    const cookie = ok.cookies.find((c) => c.name === 'anju_owner');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/portal' });
    expect((await verify(code)).statusCode).toBe(400);
    t.clock.advance(61_000);
    await requestCode(OWNER);
    const late = (await lastCode(OWNER)) as string;
    t.clock.advance(5 * 60_000 + 1);
    expect((await verify(late)).statusCode).toBe(400);
  });

  it('limits code requests per number (known or not) and per IP with 429', async () => {
    t.clock.advance(3_600_000);
    for (const phone of [OWNER, '13600000000']) {
      expect((await requestCode(phone, '10.0.0.2')).statusCode).toBe(200);
      const again = await requestCode(phone, '10.0.0.2');
      expect(again.statusCode).toBe(429);
      expect(again.json().code).toBe('OWNER_CODE_RATE_LIMITED');
    }
    for (let i = 1; i < 5; i++) {
      t.clock.advance(61_000);
      expect((await requestCode('13600000000', '10.0.0.2')).statusCode).toBe(200);
    }
    t.clock.advance(61_000);
    expect((await requestCode('13600000000', '10.0.0.2')).statusCode).toBe(429);
    const ipLimited = [];
    for (let i = 0; i < 30; i++)
      ipLimited.push((await requestCode(`1350000${String(i).padStart(4, '0')}`, '10.0.0.3')).statusCode);
    expect(ipLimited.every((s) => s === 200)).toBe(true);
    expect((await requestCode('13511112222', '10.0.0.3')).statusCode).toBe(429);
  });

  it('keeps owner and staff sessions apart', async () => {
    const owner = await ownerSession(OWNER);
    expect((await t.app.inject({ method: 'GET', url: '/api/portal/me' })).json().code).toBe('OWNER_AUTH_REQUIRED');
    const staffCall = await t.app.inject({ method: 'GET', url: '/api/tickets', headers: { cookie: owner.cookie } });
    expect(staffCall.statusCode).toBe(401);
    expect((await owner.post('/api/portal/auth/logout')).statusCode).toBe(200);
    expect((await owner.get('/api/portal/me')).statusCode).toBe(401);
  });
});

describe('my homes, consent and data', () => {
  it('lists my home with warranty per part, adds family with consent, and the member sees the home', async () => {
    const owner = await ownerSession(OWNER);
    const homes = (await owner.get('/api/portal/homes')).json().items;
    expect(homes).toHaveLength(1);
    expect(homes[0]).toMatchObject({ unitCode: '3-1-1502', role: 'owner', family: [] });
    expect(homes[0].warranty.map((w: { partCategory: string }) => w.partCategory)).toContain('bathroom_waterproofing');
    const noConsent = await owner.post(`/api/portal/homes/${unitId}/family`, {
      name: '王小',
      relation: 'child',
      phone: '13912340003',
      consent: false,
    });
    expect(noConsent.statusCode).toBe(400);
    const added = await owner.post(`/api/portal/homes/${unitId}/family`, {
      name: '王小',
      relation: 'child',
      phone: '13912340003',
      consent: true,
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.json().family).toEqual([
      expect.objectContaining({ name: '王小', relation: 'child', phoneMasked: '139****0003' }),
    ]);
    const member = await ownerSession('13912340003');
    const theirs = (await member.get('/api/portal/homes')).json().items;
    expect(theirs).toEqual([expect.objectContaining({ unitId, role: 'family' })]);
    const notOwner = await member.post(`/api/portal/homes/${unitId}/family`, {
      name: '王二',
      relation: 'sibling',
      phone: '13912340004',
      consent: true,
    });
    expect(notOwner.statusCode).toBe(403);
    expect(
      (
        await owner.post(`/api/portal/homes/${otherUnitId}/family`, {
          name: 'x',
          relation: 'child',
          phone: '13912340005',
          consent: true,
        })
      ).statusCode,
    ).toBe(404);
  });

  it('records a consent change with time and source, and opens one data-copy request for the CR centre', async () => {
    const owner = await ownerSession(OWNER);
    const res = await owner.put('/api/portal/me/consents', { channel: 'sms', granted: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().consents).toContainEqual(
      expect.objectContaining({ channel: 'sms', granted: true, source: 'portal', at: t.clock.now().toISOString() }),
    );
    const first = await owner.post('/api/portal/me/data-export');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ alreadyOpen: false, requestNumber: expect.stringMatching(/^ZX/) });
    const again = await owner.post('/api/portal/me/data-export');
    expect(again.json()).toMatchObject({ alreadyOpen: true, requestNumber: first.json().requestNumber });
    const listed = await (await freshStaff()).get(`/api/tickets?projectId=${place.project.id}`);
    expect(listed.statusCode, listed.body).toBe(200);
    const queue = listed.json().items;
    expect(queue.some((x: { number: string }) => x.number === first.json().requestNumber)).toBe(true);
  });
});

const upload = (owner: Owner, content = jpeg) => {
  const body = multipartFile('file', '渗水.jpg', content, 'image/jpeg');
  return t.app.inject({
    method: 'POST',
    url: '/api/portal/photos',
    headers: { cookie: owner.cookie, ...body.headers },
    payload: body.payload,
  });
};

describe('my requests', () => {
  const report = (photoId: string) => ({
    type: 'repair',
    unitId,
    items: [
      { room: 'bathroom', categoryCode: 'leak', description: '卫生间天花板渗水', photoIds: [photoId] },
      { room: 'bedroom', location: '北窗', categoryCode: 'doors_windows', description: '窗户关不严' },
    ],
  });

  it('turns a two-item report into two tickets once, however often it is retried', async () => {
    const owner = await ownerSession(OWNER);
    const photo = await upload(owner);
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json().url).toBe(`/api/portal/files/${photo.json().id}`);
    expect((await owner.post('/api/portal/requests', report(photo.json().id))).json().code).toBe(
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    const key = { 'idempotency-key': 'report-0001-abcdef' };
    const [first, retry] = await Promise.all([
      owner.post('/api/portal/requests', report(photo.json().id), key),
      owner.post('/api/portal/requests', report(photo.json().id), key),
    ]);
    expect(first.statusCode, first.body).toBe(201);
    expect(retry.statusCode, retry.body).toBe(201);
    const ids = first.json().items.map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(2);
    expect(
      retry
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([...ids].sort());
    const mine = await t.db
      .select()
      .from(tickets)
      .where(
        sql`${tickets.id} in (${sql.join(
          ids.map((i: string) => sql`${i}`),
          sql`, `,
        )})`,
      );
    expect(mine.map((x) => x.channel)).toEqual(['portal', 'portal']);
    const changed = await owner.post('/api/portal/requests', { ...report(photo.json().id), unitId }, key);
    expect(changed.statusCode).toBe(201);
    const other = { ...report(photo.json().id), items: [report(photo.json().id).items[1]] };
    expect((await owner.post('/api/portal/requests', other, key)).json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const list = (await owner.get('/api/portal/requests')).json().items;
    expect(list.filter((r: { id: string }) => ids.includes(r.id))).toHaveLength(2);
    const detail = (await owner.get(`/api/portal/requests/${ids[0]}`)).json();
    expect(detail).toMatchObject({ stage: 'inspecting', room: 'bathroom', warrantyStatus: 'in', canRate: false });
    expect(detail.photos).toHaveLength(1);
    expect((await owner.get(detail.photos[0].url)).statusCode).toBe(200);
  });

  it('follows the loop as staff act; a rating of 2 reopens it for both sides', async () => {
    const owner = await ownerSession(OWNER);
    const created = await owner.post(
      '/api/portal/requests',
      { type: 'repair', unitId, items: [{ room: 'kitchen', categoryCode: 'plumbing', description: '水槽下漏水' }] },
      { 'idempotency-key': 'report-0002-abcdef' },
    );
    const id = created.json().items[0].id;
    expect((await owner.put('/api/portal/me/consents', { channel: 'sms', granted: true })).statusCode).toBe(200);
    const agent = await freshStaff();
    let ticket = (await agent.get(`/api/tickets/${id}`)).json();
    // the title made from the owner's picks is shown from them, in each reader's language
    const parts = { room: 'kitchen', location: null, categoryCode: 'plumbing' };
    expect(ticket).toMatchObject({ title: '厨房 给排水', titleParts: parts });
    expect(created.json().items[0]).toMatchObject({ titleParts: parts });
    expect(ticket.events[0]).toMatchObject({ kind: 'created', body: null });
    const act = async (body: object) => {
      const res = await agent.post(`/api/tickets/${id}/transitions`, { ...body, version: ticket.version });
      expect(res.statusCode, res.body).toBe(200);
      ticket = res.json();
    };
    await act({ action: 'inspect', findings: '水槽下水管接口松动' });
    const stranger = await signedIn(t, other.company, ['department_staff']);
    const wrongPerson = await agent.post(`/api/tickets/${id}/transitions`, {
      action: 'dispatch',
      assigneeOrgId: place.project.id,
      assigneeUserId: stranger.user.id,
      version: ticket.version,
    });
    expect(wrongPerson.statusCode).toBe(400);
    expect(wrongPerson.json().details).toMatchObject({ field: 'assigneeUserId' });
    await act({ action: 'dispatch', assigneeOrgId: place.project.id });
    await drainJobs(t); // the owner's updates are written by a listener of each move, after commit
    const texts = await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, id));
    // one SMS per move; listeners deliver side by side, so in no particular order
    const updateTexts = texts.filter((m) => m.template === 'ticket.update').map((m) => m.body);
    expect(updateTexts).toHaveLength(2);
    expect(updateTexts).toEqual(
      expect.arrayContaining([
        expect.stringContaining('已完成现场查验'),
        expect.stringContaining(`已安排处理人员。查看进度：${t.config.publicUrl}/m/requests/${id}`),
      ]),
    );
    expect((await owner.get('/api/portal/requests')).json().items.find((r: { id: string }) => r.id === id).unread).toBe(
      true,
    );
    expect((await owner.get(`/api/portal/requests/${id}`)).json()).toMatchObject({
      stage: 'assigning',
      nextStage: 'in_progress',
    });
    await act({ action: 'startProcessing' });
    await act({ action: 'close', resolution: '已更换接口', rootCause: 'workmanship' });
    // the close is one SMS, with the link to rate it
    const updates = await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, id));
    expect(updates.filter((m) => m.template === 'ticket.update')).toHaveLength(2);
    expect(updates.filter((m) => m.template === 'ticket.callback_link').map((m) => m.body)).toEqual([
      expect.stringContaining(`已处理完毕，请确认并为我们的服务评分：${t.config.publicUrl}/m/rate/`),
    ]);
    // the link's page words the title from its parts
    const token = updates.find((m) => m.template === 'ticket.callback_link')?.body.match(/\/m\/rate\/([\w-]+)/)?.[1];
    const linkPage = await t.app.inject({ method: 'GET', url: `/api/public/feedback/${token}` });
    expect(linkPage.json()).toEqual({
      number: ticket.number,
      title: '厨房 给排水',
      titleParts: parts,
      category: { nameZh: '给排水', nameEn: 'Plumbing' },
    });
    const closed = (await owner.get(`/api/portal/requests/${id}`)).json();
    expect(closed).toMatchObject({ stage: 'awaiting_confirmation', canRate: true, resolution: '已更换接口' });
    expect(closed.events.map((e: { kind: string }) => e.kind)).toEqual(
      expect.arrayContaining(['created', 'inspected', 'dispatched', 'closed']),
    );
    const rated = await owner.post(`/api/portal/requests/${id}/rating`, { score: 2, comment: '还是在漏' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ stage: 'in_progress', canRate: false });
    const staffView = (await agent.get(`/api/tickets/${id}`)).json();
    // the closing answer is history: no current resolution on either side, the next step follows the reopened stage
    expect(staffView).toMatchObject({ status: 'processing', reopenCount: 1, resolution: null, rootCause: null });
    expect(staffView.events.at(-1)).toMatchObject({
      body: '还是在漏',
      data: { code: 'reopen.low_score', score: 2, previousResolution: '已更换接口', previousRootCause: 'workmanship' },
    });
    // the audit log and the ticket's history name the owner as the one who rated and reopened it
    const audited = (await agent.get(`/api/audit-events?entityType=ticket&entityId=${id}`)).json().items;
    const byOwner = audited.filter((e: { action: string }) => ['ticket.callback', 'ticket.reopen'].includes(e.action));
    expect(byOwner.length).toBeGreaterThan(0);
    for (const e of byOwner) expect(e).toMatchObject({ actorKind: 'owner', actorId: null, actorName: '王业主' });
    expect(staffView.events.at(-1)).toMatchObject({ kind: 'reopen', actorName: '王业主' });
    const reopened = (await owner.get(`/api/portal/requests/${id}`)).json();
    expect(reopened).toMatchObject({ stage: 'in_progress', nextStage: 'awaiting_confirmation', resolution: null });
    expect(reopened.events.find((e: { kind: string }) => e.kind === 'closed')).toMatchObject({ text: '已更换接口' });
    const seen = reopened.events;
    expect(seen.filter((e: { kind: string }) => ['rated', 'reopened'].includes(e.kind))).toEqual([
      { at: expect.any(String), kind: 'rated', text: '还是在漏', score: 2 },
      { at: expect.any(String), kind: 'reopened', text: '还是在漏', score: 2 },
    ]);
    expect((await owner.post(`/api/portal/requests/${id}/rating`, { score: 5 })).json().code).toBe(
      'REQUEST_NOT_RATABLE',
    );
  });

  it('never shows one owner another owner’s requests, photos or homes, even by id', async () => {
    const owner = await ownerSession(OWNER);
    const photo = (await upload(owner)).json();
    const created = await owner.post(
      '/api/portal/requests',
      { type: 'complaint', unitId, description: '物业态度差', photoIds: [photo.id] },
      { 'idempotency-key': 'complaint-0003-abc' },
    );
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().items[0].id;
    const neighbour = await ownerSession(NEIGHBOUR);
    expect((await neighbour.get(`/api/portal/requests/${id}`)).json().code).toBe('REQUEST_NOT_FOUND');
    expect((await neighbour.post(`/api/portal/requests/${id}/rating`, { score: 1 })).statusCode).toBe(404);
    expect((await neighbour.get(photo.url)).statusCode).toBe(404);
    expect((await neighbour.get('/api/portal/requests')).json().items).toEqual([]);
    const homes = (await neighbour.get('/api/portal/homes')).json().items;
    expect(homes.map((h: { unitId: string }) => h.unitId)).toEqual([otherUnitId]);
    const theirPhoto = (await upload(neighbour)).json();
    const stolen = await owner.post(
      '/api/portal/requests',
      { type: 'praise', unitId, description: '谢谢', photoIds: [theirPhoto.id] },
      { 'idempotency-key': 'praise-0004-abcdef' },
    );
    expect(stolen.json().code).toBe('PHOTO_INVALID');
    const wrongHome = await neighbour.post(
      '/api/portal/requests',
      { type: 'praise', unitId, description: '谢谢' },
      { 'idempotency-key': 'praise-0005-abcdef' },
    );
    expect(wrongHome.json().code).toBe('HOME_NOT_FOUND');
  });
});

describe('project notices', () => {
  it('are published per project, shown to that project’s owners with unread markers, and counted', async () => {
    const agent = await freshStaff();
    const image = multipartFile('file', '进度.jpg', jpeg, 'image/jpeg');
    const uploaded = await t.app.inject({
      method: 'POST',
      url: '/api/notices/images',
      headers: { ...image.headers, cookie: (await signedIn(t, t.root, ['system_admin'])).session.cookie },
      payload: image.payload,
    });
    expect([201, 403]).toContain(uploaded.statusCode);
    const published = await agent.post('/api/notices', {
      projectId: place.project.id,
      category: 'construction',
      title: '3 号楼主体结构封顶',
      body: '3 号楼已于本周封顶，预计明年 6 月交付。',
    });
    expect(published.statusCode, published.body).toBe(201);
    const owner = await ownerSession(OWNER);
    expect((await owner.get('/api/portal/me')).json().unreadNotices).toBe(1);
    const [item] = (await owner.get('/api/portal/notices')).json().items;
    expect(item).toMatchObject({ title: '3 号楼主体结构封顶', read: false });
    expect((await owner.post(`/api/portal/notices/${item.id}/read`)).statusCode).toBe(200);
    expect((await owner.get('/api/portal/notices?unread=true')).json().items).toEqual([]);
    const neighbour = await ownerSession(NEIGHBOUR);
    expect((await neighbour.get('/api/portal/notices')).json().items).toEqual([]);
    expect((await neighbour.post(`/api/portal/notices/${item.id}/read`)).json().code).toBe('NOTICE_NOT_FOUND');
    const listed = (await agent.get(`/api/notices?projectId=${place.project.id}`)).json().items;
    expect(listed[0]).toMatchObject({ id: item.id, readCount: 1 });
    const specialist = (await signedIn(t, place.company, ['department_staff'])).api;
    expect(
      (await specialist.post('/api/notices', { projectId: place.project.id, category: 'other', title: 'x', body: 'y' }))
        .statusCode,
    ).toBe(403);
  });
});

describe('login codes on the staff outbox page', () => {
  it('are readable only while SMS go to the log provider', async () => {
    const { staffVisibleBody } = await import('../../platform/messaging/messaging.routes.js');
    const body = '【安居】您的登录验证码为 123456，5 分钟内有效。';
    expect(staffVisibleBody(body, 'owner.login_code', true)).toContain('123456');
    expect(staffVisibleBody(body, 'owner.login_code', false)).not.toContain('123456');
    const agent = await freshStaff();
    const listed = (await agent.get('/api/outbox?limit=200')).json().items;
    expect(
      listed.some((m: { template: string; body: string }) => m.template === 'owner.login_code' && /\d{6}/.test(m.body)),
    ).toBe(true);
  });

  it('can be listed alone, so a burst of other messages never pushes them off the first page', async () => {
    const agent = await freshStaff();
    const all = (await agent.get('/api/outbox?limit=200')).json().items as { template: string }[];
    expect(all.some((m) => m.template !== 'owner.login_code')).toBe(true);
    const codes = (await agent.get('/api/outbox?template=owner.login_code&limit=1')).json();
    expect(codes.items).toHaveLength(1);
    expect(codes.items[0].template).toBe('owner.login_code');
    const bad = await agent.get('/api/outbox?template=no.such_template');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_FAILED');
  });
});
