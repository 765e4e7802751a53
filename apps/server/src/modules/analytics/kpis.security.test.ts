import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, orgUnit, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
let mine: Awaited<ReturnType<typeof cityCompany>>;
let theirs: Awaited<ReturnType<typeof cityCompany>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  mine = await cityCompany(t);
  theirs = await cityCompany(t);
});
afterAll(() => t.close());

describe('KPI routes authorise by permission and org scope', () => {
  it('an executive reads figures of their own subtree only', async () => {
    const exec = await signedIn(t, mine.company, ['executive']);
    const own = await exec.api.get(`/api/kpis/values?period=2026-10&scope=${mine.project.id}`);
    expect(own.statusCode, own.body).toBe(200);
    const other = await exec.api.get(`/api/kpis/values?period=2026-10&scope=${theirs.company.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().code).toBe('OUT_OF_SCOPE');
    const above = await exec.api.get(`/api/kpis/values?period=2026-10&scope=${t.root.id}`);
    expect(above.json().code).toBe('OUT_OF_SCOPE');
    const drill = await exec.api.get(`/api/kpis/drilldown?kpi=K2&period=2026-10&scope=${theirs.project.id}`);
    expect(drill.json().code).toBe('OUT_OF_SCOPE');
  });

  it('targets and recomputes need analytics.manage, and a target only in one’s own subtree', async () => {
    const exec = await signedIn(t, mine.company, ['executive']);
    const refused = await exec.api.put('/api/kpis/K2/targets', { companyId: mine.company.id, year: 2026, target: 0.9 });
    expect(refused.statusCode).toBe(403);
    const recompute = await exec.api.post('/api/kpis/recompute', { period: '2026-10', reason: '复核' });
    expect(recompute.statusCode).toBe(403);
    const manager = await signedIn(t, mine.company, ['cr_manager']);
    const elsewhere = await manager.api.put('/api/kpis/K2/targets', {
      companyId: theirs.company.id,
      year: 2026,
      target: 0.9,
    });
    expect(elsewhere.json().code).toBe('OUT_OF_SCOPE');
  });

  it('roles without analytics.read (an agent, a contractor) and anonymous callers see no figures', async () => {
    const agent = await signedIn(t, mine.company, ['hotline_agent']);
    expect((await agent.api.get('/api/kpis/values?period=2026-10')).statusCode).toBe(403);
    const contractor = await signedIn(t, await orgUnit(t, mine.company, 'contractor'), ['contractor']);
    expect((await contractor.api.get('/api/kpis')).statusCode).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/kpis/values?period=2026-10' });
    expect(anonymous.statusCode).toBe(401);
  });
});
