import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, login, type Session } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { tickets } from './ticket.tables.js';

let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  place = await cityCompany(t);
  admin = await login(t, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

const create = (key: string | null, title: string, extra: Record<string, unknown> = {}) =>
  t.app.inject({
    method: 'POST',
    url: '/api/tickets',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { type: 'complaint', channel: 'other', title, orgUnitId: place.project.id, ...extra },
  });
const titled = async (title: string) => (await t.db.select().from(tickets).where(eq(tickets.title, title))).length;

describe('createTicket with an Idempotency-Key', () => {
  it('answers a retry with the ticket the first attempt made, and refuses the key for another body', async () => {
    const first = await create('retry-key-0001', '重试一次');
    expect(first.statusCode).toBe(201);
    const again = await create('retry-key-0001', '重试一次');
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(first.json().id);
    expect(await titled('重试一次')).toBe(1);
    const other = await create('retry-key-0001', '另一件事');
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await titled('另一件事')).toBe(0);
  });

  it('makes one ticket from concurrent attempts with the same key, with or without a customer phone', async () => {
    for (const [key, title, extra] of [
      ['concurrent-0001', '并发一', {}],
      ['concurrent-0002', '并发二', { contactPhone: '13811113333' }],
    ] as const) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => create(key, title, extra)));
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((a) => a.json().id)).size).toBe(1);
      expect(await titled(title)).toBe(1);
    }
  });

  it('keeps keys apart per caller, creates as before without one, and refuses a malformed key', async () => {
    expect((await create(null, '无键')).statusCode).toBe(201);
    expect((await create(null, '无键')).statusCode).toBe(201);
    expect(await titled('无键')).toBe(2);
    const bad = await create('short', '坏键');
    expect([bad.statusCode, bad.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await titled('坏键')).toBe(0);
  });
});
