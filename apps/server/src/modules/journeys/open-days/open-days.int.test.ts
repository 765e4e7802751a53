import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs, ownerCookie, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { multipartFile } from '../../../../test/multipart.js';
import { ON_THE_DAY, openDayProject, outboxOf } from '../../../../test/open-day-factories.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-03-01T02:00:00Z'));
});
afterAll(() => t.close());

type Item = { id: string; version: number; status: string; kind: string };

describe('site open days', () => {
  it('runs an open day: registration, check-in, suggestions answered to the owner, an issue verified, both rates', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 3);
    await drainJobs(t);
    await t.services.journeys.planner.run(); // the batch's "site open day" task (3b, 60 days before delivery)
    const stepTask = async () =>
      (await p.manager.api.get(`/api/journey-tasks?projectId=${p.project.id}&stepKey=open_day&limit=5`)).json()
        .items[0];
    expect((await stepTask())?.status).toBe('open');

    const day = await p.create({ batchId: p.batch.id, capacity: 10 });
    expect(day).toMatchObject({ status: 'planned', registered: 0, capacity: 10, batchId: p.batch.id });
    expect(day.kpis).toEqual({
      replyRate: { done: 0, total: 0, rate: null },
      rectificationRate: { done: 0, total: 0, rate: null },
    });
    // the open day is what step 3b asks for: its task is done
    expect(
      (await p.manager.api.get(`/api/journey-tasks?projectId=${p.project.id}&stepKey=open_day&status=done`)).json()
        .items,
    ).toHaveLength(1);

    const [a, b, c] = p.people as [(typeof p.people)[0], (typeof p.people)[0], (typeof p.people)[0]];
    const reg = await p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: a.id, partySize: 2 });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json()).toMatchObject({ registered: 2, registrations: 1 });
    expect(reg.json().registrationList[0]).toMatchObject({ customerId: a.id, customerName: '业主1', via: 'console' });

    // the owner registers in the portal
    const cookieB = await ownerCookie(t, b.phone);
    const mine = await t.app.inject({ method: 'GET', url: '/api/portal/open-days', headers: { cookie: cookieB } });
    expect(mine.json().items).toMatchObject([{ id: day.id, registered: false, canRegister: true, placesLeft: 8 }]);
    const registerB = (key?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/portal/open-days/${day.id}/register`,
        headers: { cookie: cookieB, ...(key ? { 'idempotency-key': key } : {}) },
        payload: {},
      });
    const own = await registerB('register-b-0001');
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ registered: true, canRegister: false, placesLeft: 7 });
    // the phone retries with the same key: the same answer, no second place; a new request is a duplicate
    const retried = await registerB('register-b-0001');
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json()).toMatchObject({ registered: true, placesLeft: 7 });
    expect((await registerB()).json()).toMatchObject({ code: 'OPEN_DAY_ALREADY_REGISTERED' });

    // on the day: check-in makes the day held
    t.clock.set(ON_THE_DAY);
    p.manager = await signedIn(t, p.company, ['cr_manager']); // a new session on the day
    const checked = await p.manager.api.post(`/api/open-days/${day.id}/check-in`, { customerId: a.id });
    expect(checked.statusCode, checked.body).toBe(200);
    expect(checked.json()).toMatchObject({ status: 'held', checkedIn: 1, registrations: 2 });

    // a photo, then two suggestions and two issues
    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#8a6d3b' } })
      .jpeg()
      .toBuffer();
    const photoForm = multipartFile('file', 'wall.jpg', jpeg, 'image/jpeg');
    const upload = await t.app.inject({
      method: 'POST',
      url: '/api/open-days/photos',
      headers: { ...photoForm.headers, cookie: p.manager.session.cookie, 'x-csrf-token': p.manager.session.csrf },
      payload: photoForm.payload,
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const record = async (body: Record<string, unknown>) => {
      const res = await p.manager.api.post(`/api/open-days/${day.id}/items`, body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as Item & { photos: { id: string }[]; unitId: string | null };
    };
    const s1 = await record({
      kind: 'suggestion',
      customerId: a.id,
      categoryCode: 'landscape',
      content: '希望增加儿童游乐区',
    });
    const s2 = await record({
      kind: 'suggestion',
      customerId: b.id,
      categoryCode: 'amenities',
      content: '地库照明偏暗',
    });
    const i1 = await record({
      kind: 'issue',
      categoryCode: 'walls',
      content: '样板间墙面空鼓',
      photoFileIds: [upload.json().id],
    });
    const i2 = await record({ kind: 'issue', customerId: c.id, categoryCode: 'leak', content: '阳台顶部渗水痕迹' });
    expect(i1.photos.map((f) => f.id)).toEqual([upload.json().id]);
    expect(s1.unitId).toBe(a.unitId);

    const board = async () => (await p.manager.api.get(`/api/open-days/${day.id}`)).json();
    expect((await board()).kpis).toEqual({
      replyRate: { done: 0, total: 2, rate: 0 },
      rectificationRate: { done: 0, total: 2, rate: 0 },
    });

    // answering one suggestion: 1 of 2; the owner (consented) gets an SMS and sees it in the portal
    const answered = await p.manager.api.post(`/api/open-days/${day.id}/items/${s1.id}/answer`, {
      version: s1.version,
      answer: '已纳入景观深化设计，二期增设儿童游乐区',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ status: 'answered', answer: '已纳入景观深化设计，二期增设儿童游乐区' });
    let kpis = (await board()).kpis;
    expect(kpis.replyRate).toEqual({ done: 1, total: 2, rate: 0.5 });
    const sms = await outboxOf(t, 'open_day.answer', s1.id);
    expect(sms).toHaveLength(1);
    expect(sms[0]?.body).toContain('已纳入景观深化设计');
    const cookieA = await ownerCookie(t, a.phone);
    const seen = (await t.app.inject({ method: 'GET', url: '/api/portal/open-days', headers: { cookie: cookieA } }))
      .json()
      .items.find((x: { id: string }) => x.id === day.id);
    expect(seen).toMatchObject({ registered: true, checkedIn: true, status: 'held' });
    expect(seen.mySuggestions).toMatchObject([{ id: s1.id, answer: '已纳入景观深化设计，二期增设儿童游乐区' }]);

    // the second owner refused SMS: answered in the portal only
    const second = await p.manager.api.post(`/api/open-days/${day.id}/items/${s2.id}/answer`, {
      version: s2.version,
      answer: '已增加照明灯具',
    });
    expect(second.statusCode).toBe(200);
    expect(await outboxOf(t, 'open_day.answer', s2.id)).toEqual([]);

    // issue 1: rectified, sent back, rectified again, verified; issue 2 only rectified (not counted yet)
    const rectify = async (item: Item, body: Record<string, unknown>, who = p.manager) => {
      const res = await who.api.post(`/api/open-days/${day.id}/items/${item.id}/rectify`, {
        version: item.version,
        ...body,
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Item;
    };
    let issue = await rectify(i1, { action: 'rectify', note: '已重新抹灰' });
    expect(issue.status).toBe('rectified');
    issue = await rectify(issue, { action: 'reject', note: '仍有空鼓' });
    expect(issue.status).toBe('open');
    issue = await rectify(issue, { action: 'rectify', note: '铲除重做' });
    issue = await rectify(issue, { action: 'verify' });
    expect(issue).toMatchObject({ status: 'verified' });
    await rectify(i2, { action: 'rectify', note: '已做防水' });
    kpis = (await board()).kpis;
    expect(kpis).toEqual({
      replyRate: { done: 2, total: 2, rate: 1 },
      rectificationRate: { done: 1, total: 2, rate: 0.5 },
    });

    // the list shows the same figures per open day and over the period
    const list = (await p.manager.api.get(`/api/open-days?projectId=${p.project.id}`)).json();
    expect(list.items).toMatchObject([{ id: day.id, registrations: 2, checkedIn: 1, kpis }]);
    expect(list.kpis).toEqual(kpis);

    const admin = await signedIn(t, t.root, ['system_admin']);
    const audit = (await admin.api.get(`/api/audit-events?entityId=${i1.id}`)).json().items;
    expect(audit.map((x: { action: string }) => x.action).sort()).toEqual([
      'open_day_item.record',
      'open_day_item.rectify',
      'open_day_item.rectify',
      'open_day_item.reject',
      'open_day_item.verify',
    ]);
  });

  it('lowers the reply rate while a suggestion is unanswered, and raises it when answered', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 1);
    const day = await p.create();
    t.clock.set(ON_THE_DAY);
    p.manager = await signedIn(t, p.company, ['cr_manager']);
    const owner = p.people[0] as (typeof p.people)[0];
    const first = (
      await p.manager.api.post(`/api/open-days/${day.id}/items`, {
        kind: 'suggestion',
        customerId: owner.id,
        categoryCode: 'design',
        content: '户型收纳空间不足',
      })
    ).json();
    const rate = async () => (await p.manager.api.get(`/api/open-days/${day.id}`)).json().kpis.replyRate;
    expect(await rate()).toEqual({ done: 0, total: 1, rate: 0 });
    t.clock.advance(3_600_000); // answered an hour later, in a new session
    p.manager = await signedIn(t, p.company, ['cr_manager']);
    await p.manager.api.post(`/api/open-days/${day.id}/items/${first.id}/answer`, {
      version: first.version,
      answer: '可选装收纳柜',
    });
    expect(await rate()).toEqual({ done: 1, total: 1, rate: 1 });
    // a snapshot taken before the answer counts it unanswered; one after, answered
    const snapshot = async (asOf: Date) =>
      (await p.manager.api.get(`/api/open-days?projectId=${p.project.id}&asOf=${asOf.toISOString()}`)).json();
    const early = await snapshot(new Date(ON_THE_DAY.getTime() + 1_800_000));
    expect(early.kpis.replyRate).toEqual({ done: 0, total: 1, rate: 0 });
    expect(early.items[0].kpis.replyRate).toEqual({ done: 0, total: 1, rate: 0 });
    expect((await snapshot(new Date(ON_THE_DAY.getTime() + 7_200_000))).kpis.replyRate.rate).toBe(1);
    // a new suggestion left unanswered lowers it again
    t.clock.advance(60_000);
    await p.manager.api.post(`/api/open-days/${day.id}/items`, {
      kind: 'suggestion',
      customerId: owner.id,
      categoryCode: 'service',
      content: '希望每月通报工程进度',
    });
    expect(await rate()).toEqual({ done: 1, total: 2, rate: 0.5 });
    const board = (await p.manager.api.get(`/api/open-days/${day.id}`)).json();
    expect(board.items.map((i: Item) => i.status)).toEqual(['answered', 'open']);
  });
});

describe('calling off an open day', () => {
  it('cancels a planned open day, texts its registered buyers who consented, and closes registration', async () => {
    t.clock.set(new Date('2026-03-01T02:00:00Z'));
    const p = await openDayProject(t, 3);
    const day = await p.create({ capacity: 10 });
    const [a, b] = p.people as [(typeof p.people)[0], (typeof p.people)[0]];
    for (const person of [a, b]) {
      const reg = await p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: person.id });
      expect(reg.statusCode, reg.body).toBe(201);
    }
    const specialist = await signedIn(t, p.company, ['cr_specialist']);
    const refused = await specialist.api.post(`/api/open-days/${day.id}/cancel`, {
      version: day.version,
      reason: '暴雨',
    });
    expect(refused.statusCode).toBe(403);

    const current = (await p.manager.api.get(`/api/open-days/${day.id}`)).json();
    const cancelled = await p.manager.api.post(`/api/open-days/${day.id}/cancel`, {
      version: current.version,
      reason: '暴雨预警，工地临时封闭',
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    const texts = await outboxOf(t, 'open_day.cancelled', day.id);
    // only the first buyer consented (the factory lets every other one consent)
    expect(texts.map((m) => m.recipient)).toEqual([a.phone]);
    expect(texts[0]?.body).toContain('暴雨预警');

    const again = await p.manager.api.post(`/api/open-days/${day.id}/cancel`, {
      version: cancelled.json().version,
      reason: '再次取消',
    });
    expect(again.json().code).toBe('OPEN_DAY_CLOSED');
    const late = await p.manager.api.post(`/api/open-days/${day.id}/registrations`, { customerId: p.people[2]?.id });
    expect(late.json().code).toBe('OPEN_DAY_CLOSED');
  });
});
