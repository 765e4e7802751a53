import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerCookie } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { journeyHousehold } from '../../../test/journey-factories.js';
import { outboxMessages } from '../../platform/messaging/messaging.tables.js';
import { customerConsents } from '../customers/customer.tables.js';
import { units } from '../property/property.tables.js';
import { warrantyReminders } from './journey.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-01T02:00:00Z')); // 10:00 China time
});
afterAll(() => t.close());

/** A household whose home was delivered on `deliveredOn`, its owner consenting to SMS or not. */
async function deliveredHome(deliveredOn: string, consent: boolean) {
  const h = await journeyHousehold(t, '2024-01-10');
  await t.db
    .update(units)
    .set({ status: 'delivered', deliveredOn })
    .where(eq(units.id, h.unit?.id as string));
  await t.db.insert(customerConsents).values({
    customerId: h.customer.id,
    channel: 'sms',
    granted: consent,
    at: t.clock.now(),
    source: 'test',
  });
  return h;
}
const remindersOf = (customerId: string) =>
  t.db.select().from(warrantyReminders).where(eq(warrantyReminders.customerId, customerId));
const textsTo = (phone: string) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.recipient, phone), eq(outboxMessages.template, 'warranty.expiring')));

describe('warranty-expiry reminders', () => {
  it('reminds each owner once, 30 days before a part’s warranty ends, by SMS with consent and in the portal', async () => {
    const due = await deliveredHome('2024-12-01', true); // two-year parts end on 1 Dec 2026
    const quiet = await deliveredHome('2024-12-01', false);
    const later = await deliveredHome('2024-12-10', true);
    const reminders = t.services.journeys.warrantyReminders;

    await Promise.all([reminders.run(), reminders.run()]);
    const rows = await remindersOf(due.customer.id);
    expect(rows.map((r) => `${r.partCategory}@${r.endsOn}`).sort()).toEqual([
      'decoration@2026-12-01',
      'electrical@2026-12-01',
      'equipment_installation@2026-12-01',
      'plumbing@2026-12-01',
    ]);
    const texts = await textsTo(due.phone);
    expect(texts).toHaveLength(4);
    expect(texts[0]?.body).toContain('2026-12-01');
    expect(await remindersOf(quiet.customer.id)).toHaveLength(4);
    expect(await textsTo(quiet.phone)).toEqual([]); // no consent: the portal only
    expect(await remindersOf(later.customer.id)).toEqual([]);
    expect(await reminders.run()).toEqual({ reminded: 0, texted: 0 });

    const res = await t.app.inject({
      method: 'GET',
      url: '/api/portal/journey',
      headers: { cookie: await ownerCookie(t, due.phone) },
    });
    const [home] = res.json().items;
    expect(home.warrantyEnding).toHaveLength(4);
    expect(home.warrantyEnding[0]).toEqual({ partCategory: expect.any(String), endsOn: '2026-12-01' });

    // nine days later the later home's parts come due; the first home is not reminded again
    t.clock.set(new Date('2026-11-10T02:00:00Z'));
    expect((await reminders.run()).reminded).toBe(4);
    expect(await remindersOf(later.customer.id)).toHaveLength(4);
    expect(await textsTo(due.phone)).toHaveLength(4);
    t.clock.set(new Date('2026-11-01T02:00:00Z'));
  });
});
