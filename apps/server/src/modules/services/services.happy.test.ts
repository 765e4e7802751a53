import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { smsOf } from '../../../test/club-event-factories.js';
import { enrol } from '../../../test/club-factories.js';
import { drainJobs, ownerCookie } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import {
  book,
  owner,
  ownerPortal,
  type ServicePlace,
  serviceBody,
  serviceByCode,
  servicePlace,
} from '../../../test/service-factories.js';
import { households } from '../../../test/survey-factories.js';
import { surveyRequests } from '../surveys/surveys.tables.js';

let t: TestApp;
let p: ServicePlace;
beforeAll(async () => {
  t = await createTestApp();
});
beforeEach(async () => {
  t.clock.set(new Date('2026-11-23T02:00:00Z'));
  p = await servicePlace(t);
});
afterAll(() => t.close());

type Step = { state: string; nameZh: string; ownerTextEn: string; doneAt: string | null; ownerNote: string | null };

describe('happy', () => {
  it('lists the contract operations in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId?: string }>>;
    };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    expect(ids).toEqual(
      expect.arrayContaining([
        'listServices',
        'upsertService',
        'listServiceRequests',
        'createServiceRequest',
        'getServiceRequest',
        'advanceServiceRequest',
        'cancelServiceRequest',
        'listMyServices',
        'requestMyService',
        'listMyServiceRequests',
        'cancelMyServiceRequest',
        'rateMyServiceRequest',
      ]),
    );
  });

  it('lists the catalogue a page at a time in its order, each service once; a hand-made cursor is 400', async () => {
    const all = await p.specialist.api.get('/api/services');
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json().nextCursor).toBeNull();
    const codes: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const url: string = `/api/services?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = (await p.specialist.api.get(url)).json() as { items: { code: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      codes.push(...page.items.map((s) => s.code));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(codes).toEqual(all.json().items.map((s: { code: string }) => s.code));
    expect(new Set(codes).size).toBe(codes.length);
    const forged = Buffer.from(JSON.stringify({ o: 'x', c: 1 })).toString('base64url');
    const bad = await p.specialist.api.get(`/api/services?cursor=${forged}`);
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'CURSOR_INVALID']);
  });

  it('an owner books a pre-delivery visit; each step shows in the portal as staff advance it; the last opens the callback by SMS link', async () => {
    const o = await owner(t, p);
    const offered = await o.portal.get('/api/portal/services');
    expect(offered.statusCode, offered.body).toBe(200);
    const codes = offered.json().items.map((s: { code: string }) => s.code);
    // referral reception is for club members only, but the portal still lists what is offered for the home
    expect(codes).toEqual(expect.arrayContaining(['decoration_lecture', 'pre_delivery_visit', 'legal_consulting']));
    const visit = offered.json().items.find((s: { code: string }) => s.code === 'pre_delivery_visit');
    expect(visit.homes).toEqual([expect.objectContaining({ unitId: o.unitId })]);

    const booked = await o.portal.post(`/api/portal/services/${visit.id}/request`, {
      unitId: o.unitId,
      note: '周末上午方便',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const mine = booked.json();
    expect(mine).toMatchObject({ status: 'open', canCancel: true, canRate: false });
    expect(mine.number).toMatch(/^FW20261123-\d{4}$/);
    expect(mine.steps.map((s: Step) => s.state)).toEqual(['in_progress', 'to_come', 'to_come', 'to_come', 'to_come']);

    // staff see it in their list, with the first step's clock running
    const list = await p.specialist.api.get('/api/service-requests?status=open');
    const staffView = list.json().items.find((r: { id: string }) => r.id === mine.id);
    expect(staffView).toMatchObject({
      channel: 'portal',
      currentStep: 0,
      customerId: o.customerId,
      note: '周末上午方便',
    });
    expect(staffView.steps[0].dueAt).toBeTruthy();

    // the consultant, the property company (by CR staff), then the consultant again move it on
    const advance = async (seq: number, extra: Record<string, unknown> = {}) => {
      const res = await p.specialist.api.post(`/api/service-requests/${mine.id}/advance`, { seq, ...extra });
      expect(res.statusCode, res.body).toBe(200);
      return res.json();
    };
    await advance(0, { note: '已电话确认' });
    const afterFirst = (await o.portal.get('/api/portal/service-requests')).json().items[0];
    expect(afterFirst.steps.map((s: Step) => s.state)).toEqual([
      'done',
      'in_progress',
      'to_come',
      'to_come',
      'to_come',
    ]);
    expect(afterFirst.steps[0].doneAt).toBeTruthy();
    await advance(1, { ownerNote: '看房时间：12月5日上午10点', note: '客户希望带父母' });
    const seen = (await o.portal.get('/api/portal/service-requests')).json().items[0];
    expect(seen.steps[1]).toMatchObject({ state: 'done', ownerNote: '看房时间：12月5日上午10点' });
    // staff notes stay internal
    expect(JSON.stringify(seen)).not.toContain('客户希望带父母');
    await advance(2);
    await advance(3);
    expect(await smsOf(t, 'survey.link', '')).toHaveLength(0);
    const done = await advance(4);
    expect(done).toMatchObject({ status: 'done', currentStep: null, callback: 'pending' });
    expect(done.steps.every((s: { status: string }) => s.status === 'done')).toBe(true);

    // the callback: a `service` survey request on this request, with its SMS link
    const [request] = await t.db.select().from(surveyRequests).where(eq(surveyRequests.subjectId, mine.id));
    expect(request).toMatchObject({
      kind: 'service',
      subjectType: 'service',
      customerId: o.customerId,
      status: 'pending',
    });
    const [link] = await smsOf(t, 'survey.link', request?.id ?? '');
    expect(link?.recipient).toBe(o.phone);
    const token = link?.body.match(/\/m\/survey\/([\w-]+)/)?.[1];
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/survey-links/${token}`,
      payload: { answers: [{ key: 'overall', score: 5 }], comment: '非常贴心' },
    });
    expect(answered.statusCode, answered.body).toBe(200);
    await drainJobs(t);
    const detail = await p.specialist.api.get(`/api/service-requests/${mine.id}`);
    expect(detail.json().callback).toBe('answered');

    // the owner rates it once in the portal
    const rated = await o.portal.post(`/api/portal/service-requests/${mine.id}/rate`, { score: 5, comment: '很好' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ rating: 5, canRate: false, status: 'done' });

    // the clocks: one per step, each stopped
    const clocks = await t.services.sla.clocks.clocksOf(t.db, { type: 'service_request', id: mine.id });
    expect(clocks).toHaveLength(5);
    expect(clocks.every((c) => c.stoppedAt !== null)).toBe(true);

    // the customer's timeline has the booking and the end
    const customer = await p.manager.api.get(`/api/customers/${o.customerId}/timeline`);
    const kinds = customer.json().items.filter((e: { kind: string }) => e.kind === 'service');
    expect(kinds.map((e: { code: string }) => e.code).sort()).toEqual([
      'service_request.booked',
      'service_request.done',
    ]);
  });

  it('staff book for a member, cancel with a reason; the group edits the catalogue and running requests keep their steps', async () => {
    const o = await owner(t, p);
    await enrol(p, o.customerId);
    const referral = await serviceByCode(p, 'referral_reception');
    const req = await book(p.consultant.api, referral.id, o.customerId, o.unitId);
    expect(req).toMatchObject({ status: 'open', currentStep: 0 });

    // the group adds a step to the definition; the request booked before keeps three steps
    const edited = await p.group.api.put('/api/services/referral_reception', {
      ...serviceBody({ membersOnly: true }),
      nameZh: referral.nameZh,
      nameEn: referral.nameEn,
      version: referral.version,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().version).toBe(referral.version + 1);
    const again = await p.specialist.api.get(`/api/service-requests/${req.id}`);
    expect(again.json().steps.map((s: { key: string }) => s.key)).toEqual(['announce', 'prepare_vip', 'record_visit']);

    const cancelled = await p.consultant.api.post(`/api/service-requests/${req.id}/cancel`, { reason: '朋友改期' });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '朋友改期', currentStep: null });
    expect(cancelled.json().steps.map((s: { status: string }) => s.status)).toEqual([
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    const open = await t.services.sla.clocks.clocksOf(t.db, { type: 'service_request', id: req.id }, { open: true });
    expect(open).toEqual([]);

    // a new service for chosen projects only: offered for this project's owner
    const created = await p.group.api.put('/api/services/home_checkup', {
      ...serviceBody({ availability: 'projects', projectIds: [p.project.id], feeFen: 19900, feeTextZh: '199 元/次' }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const offered = await o.portal.get('/api/portal/services');
    expect(offered.json().items.find((s: { code: string }) => s.code === 'home_checkup')).toMatchObject({
      feeFen: 19900,
      feeTextZh: '199 元/次',
    });
    // the owner books it and cancels it in the portal
    const mine = await o.portal.post(`/api/portal/services/${created.json().id}/request`, { unitId: o.unitId });
    expect(mine.statusCode, mine.body).toBe(201);
    const gone = await o.portal.post(`/api/portal/service-requests/${mine.json().id}/cancel`, { reason: '暂不需要' });
    expect(gone.json()).toMatchObject({ status: 'cancelled', canCancel: false });
  });

  it('a service for a product series is offered for the homes of that type only, and booked for one', async () => {
    const [villa] = await households(t, p, 1, { productType: 'villa', contractDate: '2026-01-10' });
    const other = await owner(t, p);
    if (!villa) throw new Error('no household');
    const created = await p.group.api.put('/api/services/villa_garden_care', {
      ...serviceBody({ availability: 'product_types', productTypes: ['villa'] }),
    });
    expect(created.statusCode, created.body).toBe(201);
    const villaPortal = ownerPortal(t, await ownerCookie(t, villa.phone));
    const offered = (await villaPortal.get('/api/portal/services')).json().items;
    expect(offered.find((s: { code: string }) => s.code === 'villa_garden_care')?.homes).toEqual([
      expect.objectContaining({ unitId: villa.unitId }),
    ]);
    const notOffered = (await other.portal.get('/api/portal/services')).json().items;
    expect(notOffered.map((s: { code: string }) => s.code)).not.toContain('villa_garden_care');
    const booked = await book(p.specialist.api, created.json().id, villa.customerId, villa.unitId);
    expect(booked).toMatchObject({ status: 'open', currentStep: 0 });
  });
});
