import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, login, type Session } from '../../../test/factories.js';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../../../test/harness.js';
import { customers } from './customer.tables.js';

let t: TestApp;
let place: Awaited<ReturnType<typeof cityCompany>>;
let admin: Session;

beforeAll(async () => {
  t = await createTestApp();
  place = await cityCompany(t);
  admin = await login(t, 'admin', ADMIN_PASSWORD);
});
afterAll(() => t.close());

const create = (key: string | null, name: string, phone: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/customers',
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, ...(key ? { 'idempotency-key': key } : {}) },
    payload: { name, orgUnitId: place.project.id, phones: [{ phone, isPrimary: true }] },
  });
const named = async (name: string) => (await t.db.select().from(customers).where(eq(customers.name, name))).length;

describe('createCustomer with an Idempotency-Key', () => {
  it('answers a retry with the customer the first attempt made and refuses the key for another body', async () => {
    const first = await create('customer-key-01', '重试客户', '13900001111');
    expect(first.statusCode, first.body).toBe(201);
    const again = await create('customer-key-01', '重试客户', '13900001111');
    expect([again.statusCode, again.json().customer.id]).toEqual([201, first.json().customer.id]);
    expect(await named('重试客户')).toBe(1);
    const other = await create('customer-key-01', '另一客户', '13900002222');
    expect([other.statusCode, other.json().code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await named('另一客户')).toBe(0);
  });

  it('makes one customer from concurrent attempts with the same key; without a key each call registers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => create('customer-key-02', '并发客户', '13900003333')),
    );
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.json().customer.id)).size).toBe(1);
    expect(await named('并发客户')).toBe(1);
    expect((await create(null, '无键客户', '13900004444')).statusCode).toBe(201);
    expect((await create(null, '无键客户', '13900005555')).statusCode).toBe(201);
    expect(await named('无键客户')).toBe(2);
  });
});
