import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let manager: Awaited<ReturnType<typeof signedIn>>;
let place: Awaited<ReturnType<typeof cityCompany>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  place = await cityCompany(t);
  manager = await signedIn(t, place.company, ['cr_manager']);
});
afterAll(() => t.close());

describe('KPI routes refuse bad input with a stable code and write nothing', () => {
  it.each([
    ['a period in the future', '/api/kpis/values?period=2027-01', 400, 'PERIOD_IN_FUTURE'],
    ['a malformed period', '/api/kpis/values?period=2026-13', 400, 'VALIDATION_FAILED'],
    ['an unknown KPI', '/api/kpis/values?period=2026-10&kpi=K99', 400, 'VALIDATION_FAILED'],
    ['a scope that is not a uuid', '/api/kpis/values?period=2026-10&scope=abc', 400, 'VALIDATION_FAILED'],
    ['an unknown scope', `/api/kpis/values?period=2026-10&scope=${crypto.randomUUID()}`, 404, 'NOT_FOUND'],
    [
      'an unknown batch',
      `/api/kpis/values?period=2026-10&batchId=${crypto.randomUUID()}`,
      404,
      'DELIVERY_BATCH_NOT_FOUND',
    ],
    [
      'a drill-down over a quarter',
      '/api/kpis/drilldown?kpi=K2&scope=SCOPE&period=2026-Q3',
      400,
      'KPI_DRILLDOWN_MONTH_ONLY',
    ],
    [
      'a bad drill-down cursor',
      '/api/kpis/drilldown?kpi=K2&scope=SCOPE&period=2026-10&cursor=x',
      400,
      'VALIDATION_FAILED',
    ],
  ])('%s', async (_, url, status, code) => {
    const res = await manager.api.get(url.replace('SCOPE', place.company.id));
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().code).toBe(code);
  });

  it.each([
    ['a target that is not a number', { companyId: 'C', year: 2026, target: 'high' }, 'VALIDATION_FAILED'],
    ['a negative target', { companyId: 'C', year: 2026, target: -1 }, 'VALIDATION_FAILED'],
    ['a year out of range', { companyId: 'C', year: 1999, target: 0.9 }, 'VALIDATION_FAILED'],
    ['a target on a project', { companyId: 'P', year: 2026, target: 0.9 }, 'KPI_TARGET_NOT_COMPANY'],
  ])('a target: %s', async (_, body, code) => {
    const companyId = body.companyId === 'C' ? place.company.id : place.project.id;
    const res = await manager.api.put('/api/kpis/K2/targets', { ...body, companyId });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe(code);
    const list = await manager.api.get('/api/kpis');
    expect(list.json().items.find((k: { code: string }) => k.code === 'K2').target).toBe(0.88);
  });

  it('a target is set, read back, and a stale version is refused', async () => {
    const first = await manager.api.put('/api/kpis/K2/targets', {
      companyId: place.company.id,
      year: 2026,
      target: 0.9,
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ target: 0.9, version: 1 });
    const second = await manager.api.put('/api/kpis/K2/targets', {
      companyId: place.company.id,
      year: 2026,
      target: 0.91,
      version: 1,
    });
    expect(second.json()).toMatchObject({ target: 0.91, version: 2 });
    const stale = await manager.api.put('/api/kpis/K2/targets', {
      companyId: place.company.id,
      year: 2026,
      target: 0.5,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
    const list = await manager.api.get('/api/kpis');
    expect(list.json().items.find((k: { code: string }) => k.code === 'K2').target).toBe(0.91);
  });

  it('a recompute needs a reason and a month that has begun', async () => {
    for (const [body, code] of [
      [{ period: '2026-10' }, 'VALIDATION_FAILED'],
      [{ period: '2026-Q4', reason: '复核' }, 'VALIDATION_FAILED'],
      [{ period: '2027-02', reason: '复核' }, 'PERIOD_IN_FUTURE'],
    ] as const) {
      const res = await manager.api.post('/api/kpis/recompute', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe(code);
    }
  });
});
