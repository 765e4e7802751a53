import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Template = { id: string; key: string; version: number; name: unknown; steps: Record<string, unknown>[] };

async function template() {
  const { company } = await cityCompany(t);
  const manager = await signedIn(t, company, ['cr_manager']);
  const items: Template[] = (await manager.api.get(`/api/journey-templates?companyId=${company.id}`)).json().items;
  return { company, manager, current: items.find((i) => i.key === 'six_plus_two') as Template };
}

describe('journey templates refuse bad input with a stable code and write nothing', () => {
  it('refuses offsets past 10 years, mixed signs, a milestone step without its milestone, duplicate keys', async () => {
    const { manager, current } = await template();
    const put = (steps: Record<string, unknown>[]) =>
      manager.api.put(`/api/journey-templates/${current.id}`, {
        version: current.version,
        name: current.name,
        active: true,
        steps,
      });
    const first = current.steps[0] as Record<string, unknown>;
    for (const bad of [
      [{ ...first, offset: { months: 121, days: 0 } }],
      [{ ...first, offset: { months: 119, days: 400 } }],
      [{ ...first, offset: { months: 1, days: -3 } }],
      [{ ...first, anchor: 'milestone', milestone: null }],
      [{ ...first, scope: 'batch' }],
      [first, first],
      [],
    ]) {
      const res = await put(bad);
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(res.json().code).toBe('VALIDATION_FAILED');
    }
    const after = (await manager.api.get(`/api/journey-templates/${current.id}`)).json();
    expect(after.version).toBe(current.version);
  });

  it('answers a stale version with 409 VERSION_CONFLICT', async () => {
    const { manager, current } = await template();
    const body = { version: current.version, name: current.name, active: false, steps: current.steps };
    expect((await manager.api.put(`/api/journey-templates/${current.id}`, body)).statusCode).toBe(200);
    const stale = await manager.api.put(`/api/journey-templates/${current.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('VERSION_CONFLICT');
  });

  it('answers unknown templates and companies with 404 and bad preview dates with 400', async () => {
    const { company, manager, current } = await template();
    const missing = await manager.api.get('/api/journey-templates/00000000-0000-4000-8000-000000000000');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('JOURNEY_TEMPLATE_NOT_FOUND');
    const notCompany = await manager.api.get(`/api/journey-templates?companyId=${current.id}`);
    expect(notCompany.json().code).toBe('ORG_UNIT_NOT_FOUND');
    const badDate = await manager.api.post('/api/journey-templates/preview', {
      templateId: current.id,
      companyId: company.id,
      anchors: { moveIn: '2026-02-30' },
    });
    expect(badDate.statusCode).toBe(400);
    const both = await manager.api.post('/api/journey-templates/preview', { companyId: company.id, anchors: {} });
    expect(both.statusCode).toBe(400);
  });
});
