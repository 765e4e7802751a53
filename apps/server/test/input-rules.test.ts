import { birthday, mobile, normalisePhone, personName } from '@anju/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, ownerCookie, signedIn } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

describe('input rules (one place for every form and route)', () => {
  it('reads a mobile number however it is typed', () => {
    for (const typed of [
      '13800138000',
      ' 138 0013 8000 ',
      '138-0013-8000',
      '１３８００１３８０００',
      '＋８６ １３８－００１３－８０００',
      '+86 138 0013 8000',
      '0086-13800138000',
      '86 13800138000',
      '(+86) 138　0013　8000',
    ]) {
      expect([typed, mobile.parse(typed)]).toEqual([typed, '13800138000']);
    }
    expect(mobile.safeParse('12800138000').success).toBe(false);
    expect(mobile.safeParse('1380013800').success).toBe(false);
  });

  it('never changes a number already in its plain form', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        const plain = `1${second}${rest}`;
        expect(normalisePhone(plain)).toBe(plain);
        expect(normalisePhone(`+86 ${plain.slice(0, 3)} ${plain.slice(3, 7)} ${plain.slice(7)}`)).toBe(plain);
      }),
    );
  });

  it('refuses emoji in names, birthdays in the future or before 1900', () => {
    expect(personName().safeParse('张三').success).toBe(true);
    expect(personName().safeParse('O’Brien 李').success).toBe(true);
    for (const name of ['张三😀', '👍', '李🇨🇳', '王❤️'])
      expect([name, personName().safeParse(name).success]).toEqual([name, false]);
    expect(birthday.safeParse('1990-05-01').success).toBe(true);
    expect(birthday.safeParse('1899-12-31').success).toBe(false);
    expect(birthday.safeParse('2999-01-01').success).toBe(false);
    expect(birthday.safeParse('1990-02-30').success).toBe(false);
  });
});

describe('input rules through the API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('customers: a full-width phone is stored plain and found by any spelling; emoji names and future birthdays are refused', async () => {
    const place = await cityCompany(t);
    const { api } = await signedIn(t, t.root, ['system_admin']);
    const created = await api.post('/api/customers', {
      name: '赵六',
      phones: [{ phone: '１３９ ００００ ２２２２', isPrimary: true }],
      orgUnitId: place.project.id,
    });
    expect(created.statusCode).toBe(201);
    for (const q of ['13900002222', '139-0000-2222', '+86 139 0000 2222', '１３９００００２２２２']) {
      const found = (await api.get(`/api/customers/search?q=${encodeURIComponent(q)}`)).json();
      expect([q, found.items.map((c: { id: string }) => c.id)]).toEqual([q, [created.json().customer.id]]);
    }
    const emoji = await api.post('/api/customers', {
      name: '赵六😀',
      phones: [{ phone: '13900003333', isPrimary: true }],
      orgUnitId: place.project.id,
    });
    expect([emoji.statusCode, emoji.json().details[0].path]).toEqual([400, 'body.name']);
    const future = await api.post('/api/customers', {
      name: '赵七',
      birthday: '2999-01-01',
      phones: [{ phone: '13900004444', isPrimary: true }],
      orgUnitId: place.project.id,
    });
    expect([future.statusCode, future.json().details[0].path]).toEqual([400, 'body.birthday']);
  });

  it('the portal signs an owner in with the number typed in full-width digits', async () => {
    const place = await cityCompany(t);
    const { api } = await signedIn(t, t.root, ['system_admin']);
    const owner = await api.post('/api/customers', {
      name: '钱八',
      phones: [{ phone: '13912340099', isPrimary: true }],
      orgUnitId: place.project.id,
    });
    expect(owner.statusCode).toBe(201);
    const cookie = await ownerCookie(t, '＋８６ １３９１２３４００９９');
    expect(cookie).toMatch(/^anju_owner=.+/);
  });
});
