import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { outboxMessages } from '../src/platform/messaging/messaging.tables.js';
import { cityCompany, signedIn } from './factories.js';
import type { TestApp } from './harness.js';
import { projectWithUnits } from './property-factories.js';

let phones = 0;
const phone = () => `1360000${String(++phones).padStart(4, '0')}`;

/** The open day the factory plans: 10 Mar 2026, 09:00–12:00 China time. */
export const OPEN_DAY = {
  title: '一期工地开放日',
  heldOn: '2026-03-10',
  startsAt: '2026-03-10T01:00:00Z',
  endsAt: '2026-03-10T04:00:00Z',
  location: '售楼处集合',
};
/** 10:00 China time on the open day. */
export const ON_THE_DAY = new Date('2026-03-10T02:00:00Z');

/**
 * A project with `buyers` sold units, a buyer on each (the odd ones consented to SMS, the even ones refused), a
 * delivery batch holding them, and a CR manager of its city company.
 */
export async function openDayProject(t: TestApp, buyers = 3) {
  const { region, company, project } = await cityCompany(t);
  const codes = Array.from({ length: buyers }, (_, i) => `5-1-${String(101 + i).padStart(4, '0')}`);
  const units = await projectWithUnits(t, project, codes, 'sold');
  const manager = await signedIn(t, company, ['cr_manager']);
  const batch = (
    await manager.api.post(`/api/projects/${project.id}/delivery-batches`, { name: '一期', plannedDate: '2026-05-20' })
  ).json();
  await manager.api.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: units.map((u) => u.id) });
  const people: { id: string; phone: string; unitId: string; consented: boolean }[] = [];
  for (const [i, unit] of units.entries()) {
    const mobile = phone();
    const consented = i % 2 === 0;
    const created = await manager.api.post('/api/customers', {
      name: `业主${i + 1}`,
      phones: [{ phone: mobile, isPrimary: true }],
      orgUnitId: project.id,
      consents: [{ channel: 'sms', granted: consented, source: '售楼处登记' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().customer.id;
    const owned = await manager.api.post(`/api/customers/${id}/ownerships`, {
      unitId: unit.id,
      contractDate: '2025-12-01',
    });
    expect(owned.statusCode, owned.body).toBe(201);
    people.push({ id, phone: mobile, unitId: unit.id, consented });
  }
  const create = async (extra: Record<string, unknown> = {}) => {
    const res = await manager.api.post('/api/open-days', { projectId: project.id, ...OPEN_DAY, ...extra });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  return { region, company, project, units, batch, manager, people, create };
}

/** Outbox rows of one template about one record. */
export const outboxOf = (
  t: TestApp,
  template: 'open_day.invite' | 'open_day.answer' | 'open_day.cancelled',
  refId: string,
) =>
  t.db
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.template, template), eq(outboxMessages.refId, refId)));
