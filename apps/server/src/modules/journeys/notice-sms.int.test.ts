import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { journeyHousehold } from '../../../test/journey-factories.js';
import { projectWithUnits } from '../../../test/property-factories.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { customerConsents } from '../customers/customer.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-02T02:00:00Z')); // 10:00 China time
});
afterAll(() => t.close());

const consent = (customerId: string, granted: boolean) =>
  t.db.insert(customerConsents).values({ customerId, channel: 'sms', granted, at: t.clock.now(), source: 'test' });
const textsOf = (noticeId: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.template, 'notice.published'), eq(outboxMessages.refId, noticeId)));

describe('progress and design-change notices by SMS', () => {
  it('texts each consenting buyer of the project once, page by page, when the publisher asks for it', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    await consent(h.customer.id, true);
    // two more buyers of the same project: one consents, one does not
    const [u2, u3] = await projectWithUnits(t, h.project, ['5-1-0201', '5-1-0301'], 'sold');
    const buyer = async (unitId: string | undefined, phone: string, granted: boolean) => {
      const c = (
        await h.manager.api.post('/api/customers', {
          name: '李业主',
          phones: [{ phone, isPrimary: true }],
          orgUnitId: h.project.id,
        })
      ).json().customer;
      await h.manager.api.post(`/api/customers/${c.id}/ownerships`, { unitId, contractDate: '2026-03-01' });
      await consent(c.id, granted);
    };
    await buyer(u2?.id, '13911110001', true);
    await buyer(u3?.id, '13911110002', false);
    t.services.journeys.noticeSms.pageSize = 1; // page through the project one buyer at a time

    const published = await h.manager.api.post('/api/notices', {
      projectId: h.project.id,
      category: 'construction',
      title: '11 月工程进度：主体结构封顶',
      body: '3 号楼主体结构已于 11 月 1 日封顶。',
      smsToBuyers: true,
    });
    expect(published.statusCode, published.body).toBe(201);
    await drainJobs(t);
    const texts = await textsOf(published.json().id);
    expect(texts.map((m) => m.recipient).sort()).toEqual(['13911110001', h.phone].sort());
    expect(texts[0]?.body).toContain('11 月工程进度：主体结构封顶');
    // a page run again writes nothing more
    await t.services.journeys.noticeSms.page({
      noticeId: published.json().id,
      projectId: h.project.id,
      orgPath: texts[0]?.orgPath as string,
      category: 'construction',
      title: 'x',
      after: null,
    });
    expect(await textsOf(published.json().id)).toHaveLength(2);

    const quiet = await h.manager.api.post('/api/notices', {
      projectId: h.project.id,
      category: 'design_change',
      title: '景观设计调整',
      body: '中心花园水景调整为旱喷。',
    });
    await drainJobs(t);
    expect(await textsOf(quiet.json().id)).toEqual([]);
    t.services.journeys.noticeSms.pageSize = 200;
  });

  it('refuses SMS for other categories, publishing nothing', async () => {
    const h = await journeyHousehold(t, '2026-02-20');
    const res = await h.manager.api.post('/api/notices', {
      projectId: h.project.id,
      category: 'community',
      title: '社区活动',
      body: '周末亲子活动',
      smsToBuyers: true,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    expect((await h.manager.api.get(`/api/notices?projectId=${h.project.id}`)).json().items).toEqual([]);
  });
});
