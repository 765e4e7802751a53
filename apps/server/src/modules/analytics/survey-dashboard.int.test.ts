import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { KpiWorld } from '../../../test/kpi-factories.js';

let t: TestApp;
let w: KpiWorld;
let manager: Awaited<ReturnType<typeof signedIn>>;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-10T02:00:00Z'));
  const { company, project } = await cityCompany(t);
  w = new KpiWorld(t, company, project);
  manager = await signedIn(t, company, ['cr_manager']);
  const all = { overall: 5, repurchase: 4, referral: 5, engineering_quality: 2 };
  await w.answered('annual', '2026-06-01', all, { stage: 'first_year', service: 'handover' });
  await w.answered('annual', '2026-06-02', { ...all, referral: 3 }, { stage: 'first_year', service: 'handover' });
  await w.answered('annual', '2026-06-03', { overall: 2, repurchase: 2, referral: 2 }, { stage: 'after_first_year' });
  await w.answered('annual', '2025-06-03', { overall: 4, repurchase: 4, referral: 4 });
  await w.answered('repair_callback', '2026-07-03', { overall: 5 }, { stage: 'first_year', service: 'repair' });
});
afterAll(() => t.close());

const survey = async (year: number) => {
  const res = await manager.api.get(`/api/dashboards?kind=survey&scope=${w.company.id}&year=${year}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json();
  const dim = (d: string) => body.dimensions.find((x: { dimension: string }) => x.dimension === d);
  return { body, dim };
};

describe('the survey dashboard', () => {
  it('scores each dimension as the share answering 4–5, loyalty as satisfied, repurchasing and referring', async () => {
    const { body, dim } = await survey(2026);
    expect(body.dimensions).toHaveLength(11);
    expect(dim('overall')).toMatchObject({ respondents: 3 });
    expect(dim('overall').value).toBeCloseTo(2 / 3);
    // loyal: the first respondent only (the second would not refer, the third is not satisfied)
    expect(dim('loyalty')).toMatchObject({ respondents: 3 });
    expect(dim('loyalty').value).toBeCloseTo(1 / 3);
    expect(dim('engineering_quality')).toMatchObject({ value: 0, respondents: 2 });
    expect(dim('amenities')).toMatchObject({ value: null, respondents: 0 });
    expect(dim('overall').previous).toEqual([
      { year: 2024, value: null, source: 'history' },
      { year: 2025, value: 1, source: 'answers' },
    ]);
  });

  it('draws the dive curve by stage and by service from every survey’s overall question', async () => {
    const { body } = await survey(2026);
    expect(body.diveCurve.byStage).toContainEqual({ stage: 'first_year', value: 1, respondents: 3 });
    expect(body.diveCurve.byStage).toContainEqual({ stage: 'after_first_year', value: 0, respondents: 1 });
    expect(body.diveCurve.byStage).toContainEqual({ stage: 'signed', value: null, respondents: 0 });
    expect(body.diveCurve.byService).toContainEqual({ service: 'repair', value: 1, respondents: 1 });
  });

  it('loads the seed’s 2004–2006 figures as the company’s history and the group’s', async () => {
    const loaded = await manager.api.post('/api/survey-benchmarks/seed', { companyId: w.company.id });
    expect(loaded.statusCode, loaded.body).toBe(200);
    expect(loaded.json().loaded).toBeGreaterThan(30);
    const { dim } = await survey(2006);
    expect(dim('overall')).toMatchObject({ value: null, target: 0.8, group: null });
    expect(dim('overall').previous).toEqual([
      { year: 2004, value: 0.68, source: 'history' },
      { year: 2005, value: 0.76, source: 'history' },
    ]);
    expect(dim('amenities').previous[0]).toEqual({ year: 2004, value: null, source: 'history' });
    const exec = await signedIn(t, w.company, ['executive']);
    expect((await exec.api.post('/api/survey-benchmarks/seed', { companyId: w.company.id })).statusCode).toBe(403);
    expect((await manager.api.get(`/api/dashboards?kind=survey&year=2027`)).json().code).toBe('PERIOD_IN_FUTURE');
  });
});
