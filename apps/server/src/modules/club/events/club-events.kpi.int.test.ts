import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvent } from '../../../../test/club-event-factories.js';
import { type ClubPlace, clubPlace } from '../../../../test/club-factories.js';
import { orgUnit, signedIn } from '../../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../../test/harness.js';
import { KpiWorld } from '../../../../test/kpi-factories.js';

let t: TestApp;
let p: ClubPlace;
let unmanaged: { id: string };
let exec: Awaited<ReturnType<typeof signedIn>>;

/**
 * K18 from the club's events: a project handed over to the property company on 2026-06-20 (managed all Q3) holds two
 * interaction events in Q3, one more that was cancelled and a lecture; a sibling project handed over on 2026-08-01
 * (not managed on Q3's first day) holds one. The clock stands in November, so Q3's months are closed.
 */
beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-06-01T02:00:00Z'));
  p = await clubPlace(t);
  exec = await signedIn(t, p.company, ['executive']);
  const managed = new KpiWorld(t, p.company, p.project);
  await managed.propertyHandover((await managed.batch('一批', { actualDate: '2026-06-10' })).id, '2026-06-20');
  const sibling = await orgUnit(t, p.company, 'project');
  unmanaged = sibling;
  const late = new KpiWorld(t, p.company, sibling);
  await late.propertyHandover((await late.batch('一批', { actualDate: '2026-07-20' })).id, '2026-08-01');
  const on = (day: string) => ({ startsAt: `${day}T15:00:00+08:00`, endsAt: `${day}T17:00:00+08:00` });
  await createEvent(p, { kind: 'interaction', title: '邻里茶话会', ...on('2026-07-15') });
  await createEvent(p, { kind: 'interaction', title: '物业恳谈会', ...on('2026-09-10') });
  const called = await createEvent(p, { kind: 'interaction', title: '取消的活动', ...on('2026-08-12') });
  const off = await p.staff.api.patch(`/api/club/events/${called.id}`, {
    status: 'cancelled',
    version: called.version,
  });
  expect(off.statusCode, off.body).toBe(200);
  await createEvent(p, { kind: 'lecture', ...on('2026-08-20') });
  await createEvent(p, { kind: 'interaction', orgUnitId: sibling.id, ...on('2026-08-15') });
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  exec = await signedIn(t, p.company, ['executive']);
});
afterAll(() => t.close());

async function figure(scope: string, period: string) {
  const res = await exec.api.get(`/api/kpis/values?kpi=K18&scope=${scope}&period=${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items[0] as { numerator: number; denominator: number; value: number | null; met: boolean | null };
}

describe('K18: interaction events per managed project per quarter', () => {
  it('counts the managed project’s interaction events held in the quarter, not cancelled ones nor lectures', async () => {
    expect(await figure(p.project.id, '2026-Q3')).toMatchObject({ numerator: 2, denominator: 1, value: 2, met: true });
    // the company averages over its managed projects: the late one was not managed on Q3's first day
    expect(await figure(p.company.id, '2026-Q3')).toMatchObject({ numerator: 2, denominator: 1, value: 2 });
    const late = await figure(unmanaged.id, '2026-Q3');
    expect(late?.value ?? null).toBeNull();
    // a month counts the project in the quarter's first month only
    expect(await figure(p.project.id, '2026-07')).toMatchObject({ numerator: 1, denominator: 1 });
  });
});
