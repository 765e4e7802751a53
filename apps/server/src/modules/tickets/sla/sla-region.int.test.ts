import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, cityCompany, login, orgUnit, user } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { outboxMessages } from '../../../platform/messaging/messaging.tables.js';
import type { OrgUnitRow } from '../../org/org.tables.js';
import { ticketEvents } from '../ticket.tables.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

let phones = 0;
const phone = () => `1390000${String(++phones).padStart(4, '0')}`;

/** A complaint nobody dispatches, at the project, opened Tuesday 2026-11-24 10:00 (default calendar). */
async function overdueComplaint(project: OrgUnitRow, company: OrgUnitRow) {
  t.clock.set(new Date('2026-11-24T02:00:00Z'));
  const creator = await user(t, company, ['cr_manager']);
  const res = await as(t, await login(t, creator.username)).post('/api/tickets', {
    type: 'complaint',
    channel: 'hotline',
    title: '无人派单的投诉',
    orgUnitId: project.id,
    inspectionRequired: false,
  });
  expect(res.statusCode, res.body).toBe(201);
  const ticket = res.json();
  const clockId: string = ticket.clocks.find((c: { node: string }) => c.node === 'dispatch').id;
  const levels = async () =>
    (
      await t.db
        .select()
        .from(ticketEvents)
        .where(and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.kind, 'escalation')))
    )
      .filter((e) => (e.data as { node?: string }).node === 'dispatch')
      .map((e) => (e.data as { level: number }).level);
  const smsTo = async (level: number) =>
    (
      await t.db
        .select()
        .from(outboxMessages)
        .where(like(outboxMessages.idempotencyKey, `sla:${clockId}:escalate-${level}:%:sms`))
    )
      .map((m) => m.recipientUserId)
      .sort();
  return { ticket, levels, smsTo };
}

const at = async (iso: string) => {
  t.clock.set(new Date(iso));
  await t.services.sla.sweep.run();
};
const ids = (...users: { id: string }[]) => users.map((u) => u.id).sort();

describe('SLA escalation up the org tree (project → city company → region → group)', () => {
  it('reaches the region’s executives, then the group’s, with the roles of each level only', async () => {
    const { region, company, project } = await cityCompany(t);
    const supervisor = await user(t, project, ['cr_specialist'], { phone: phone() });
    const cityManager = await user(t, company, ['cr_manager'], { phone: phone() });
    const regionHead = await user(t, region, ['executive'], { phone: phone() });
    const groupManager = await user(t, t.root, ['cr_manager'], { phone: phone() });
    const groupHead = await user(t, t.root, ['executive'], { phone: phone() });
    // not theirs: a CR manager at the region (level 3 is executives), a disabled region executive, another region
    await user(t, region, ['cr_manager'], { phone: phone() });
    await user(t, region, ['executive'], { phone: phone(), status: 'disabled' });
    const other = await cityCompany(t);
    await user(t, other.region, ['executive'], { phone: phone() });
    const { levels, smsTo } = await overdueComplaint(project, company);

    await at('2026-11-24T04:00:00Z'); // Tue 12:00: dispatch due, level 1
    expect(await levels()).toEqual([1]);
    expect(await smsTo(1)).toEqual(ids(supervisor));

    await at('2026-11-24T09:00:00Z'); // Tue 17:00: 4 working hours on, level 2 at the city company
    expect(await levels()).toEqual([1, 2]);
    expect(await smsTo(2)).toEqual(ids(cityManager));

    await at('2026-11-27T09:00:00Z'); // Fri 17:00: 3 working days on, level 3 at the region
    expect(await levels()).toEqual([1, 2, 3]);
    expect(await smsTo(3)).toEqual(ids(regionHead));

    await at('2026-12-03T09:00:00Z'); // 6+ working days on, level 4 at the group
    expect(await levels()).toEqual([1, 2, 3, 4]);
    expect(await smsTo(4)).toEqual(expect.arrayContaining(ids(groupManager, groupHead)));
    expect(await smsTo(4)).not.toContain(regionHead.id);
    // each level once: a later sweep adds nothing
    await at('2026-12-10T09:00:00Z');
    expect(await levels()).toEqual([1, 2, 3, 4]);
  });

  it('sends the region level to the group when the city company sits directly under the group', async () => {
    const company = await orgUnit(t, t.root, 'city_company');
    const project = await orgUnit(t, company, 'project');
    const groupHead = await user(t, t.root, ['executive'], { phone: phone() });
    const companyHead = await user(t, company, ['executive'], { phone: phone() });
    const { levels, smsTo } = await overdueComplaint(project, company);

    await at('2026-11-24T04:00:00Z');
    await at('2026-11-24T09:00:00Z');
    await at('2026-11-27T09:00:00Z');
    expect(await levels()).toEqual([1, 2, 3]);
    const third = await smsTo(3);
    expect(third).toContain(groupHead.id);
    expect(third).not.toContain(companyHead.id);
  });
});
