import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClubPlace, clubPlace } from '../../../test/club-factories.js';
import { drainJobs } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { households, nextPhone } from '../../../test/survey-factories.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { customerPhones, customers } from '../customers/customer.tables.js';
import { clubMembers } from './club.tables.js';

let t: TestApp;
let p: ClubPlace;
beforeAll(async () => {
  t = await createTestApp();
  p = await clubPlace(t);
});
afterAll(() => t.close());

const post = (url: string, payload: object, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload, headers: cookie ? { cookie } : {} });

/** Asks for a join code and reads it from the outbox, as the person reads their SMS. */
async function codeFor(phone: string) {
  const sent = await post('/api/portal/club/join/code', { phone });
  expect(sent.statusCode, sent.body).toBe(200);
  await drainJobs(t);
  const [message] = await t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.template, 'owner.login_code')))
    .orderBy(desc(outboxMessages.createdAt))
    .limit(1);
  const code = (message?.params as { code?: string } | undefined)?.code;
  if (!code) throw new Error(`no code sent to ${phone}`);
  return { code, body: message?.body ?? '' };
}

const customersWithPhone = (phone: string) =>
  t.db
    .select({ id: customers.id, kinds: customers.kinds, name: customers.name })
    .from(customerPhones)
    .innerJoin(customers, eq(customers.id, customerPhones.customerId))
    .where(eq(customerPhones.phone, phone));

describe('public join with SMS verification', () => {
  it('a stranger gets a code, joins as interested public at the chosen place, is signed in, and a retry answers the same card', async () => {
    const phone = nextPhone();
    const places = await t.app.inject({ url: '/api/portal/club/join/places' });
    expect(places.statusCode).toBe(200);
    expect(places.json().items.map((x: { id: string }) => x.id)).toContain(p.project.id);
    const { code, body } = await codeFor(phone);
    expect(body).toContain('入会验证码');
    const payload = { phone, code, name: '李四', placeId: p.project.id, smsConsent: true };
    const joined = await post('/api/portal/club/join/public', payload);
    expect(joined.statusCode, joined.body).toBe(201);
    expect(joined.json()).toMatchObject({ created: true });
    const cookie = `anju_owner=${joined.cookies.find((c) => c.name === 'anju_owner')?.value}`;
    const mine = await t.app.inject({ url: '/api/portal/club/membership', headers: { cookie } });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().member).toMatchObject({ cardNo: joined.json().cardNo, class: 'public' });
    const [person] = await customersWithPhone(phone);
    expect(person).toMatchObject({ name: '李四', kinds: ['public'] });
    const [member] = await t.db
      .select()
      .from(clubMembers)
      .where(eq(clubMembers.customerId, person?.id as string));
    expect(member).toMatchObject({ class: 'public', channel: 'portal' });
    // the public member is seen by the club staff of the city company (placed there: no home)
    const listed = await p.staff.api.get(`/api/club/members?q=${joined.json().cardNo}`);
    expect(listed.json().items.map((m: { id: string }) => m.id)).toEqual([member?.id]);
    // the answer was lost: the same request again answers the same card, nothing new written
    const again = await post('/api/portal/club/join/public', payload);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toEqual({ cardNo: joined.json().cardNo, created: false });
    expect(await customersWithPhone(phone)).toHaveLength(1);
  });

  it('a wrong code is 400 and writes nothing; an unknown place is 400; the right code still works afterwards', async () => {
    const phone = nextPhone();
    const { code } = await codeFor(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const bad = await post('/api/portal/club/join/public', { phone, code: wrong, name: '王五', placeId: p.project.id });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('OWNER_CODE_INVALID');
    const nowhere = await post('/api/portal/club/join/public', {
      phone,
      code,
      name: '王五',
      placeId: '00000000-0000-4000-8000-000000000000',
    });
    expect(nowhere.statusCode).toBe(400);
    expect(nowhere.json().code).toBe('CLUB_JOIN_PLACE_UNKNOWN');
    const invalid = await post('/api/portal/club/join/public', { phone: '123', code, name: '', placeId: 'x' });
    expect(invalid.statusCode).toBe(400);
    expect(await customersWithPhone(phone)).toHaveLength(0);
    const ok = await post('/api/portal/club/join/public', { phone, code, name: '王五', placeId: p.company.id });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('a number that belongs to a customer joins that customer (no duplicate), with the class of their kinds', async () => {
    const [h] = await households(t, p, 1);
    if (!h) throw new Error('household');
    const before = await customersWithPhone(h.phone);
    const { code } = await codeFor(h.phone);
    const joined = await post('/api/portal/club/join/public', {
      phone: h.phone,
      code,
      name: '随便填',
      placeId: p.company.id,
    });
    expect(joined.statusCode, joined.body).toBe(201);
    expect(await customersWithPhone(h.phone)).toEqual(before);
    const [member] = await t.db.select().from(clubMembers).where(eq(clubMembers.customerId, h.customerId));
    expect(member?.projectId).toBe(p.project.id);
    expect(member?.class).not.toBe('public');
  });

  it('the sign-up routes are public, the member pages are not; codes keep the sign-in limits', async () => {
    const anonymous = await t.app.inject({ url: '/api/portal/club/membership' });
    expect(anonymous.statusCode).toBe(401);
    const phone = nextPhone();
    expect((await post('/api/portal/club/join/code', { phone })).statusCode).toBe(200);
    const tooSoon = await post('/api/portal/club/join/code', { phone });
    expect(tooSoon.statusCode).toBe(429);
  });
});
