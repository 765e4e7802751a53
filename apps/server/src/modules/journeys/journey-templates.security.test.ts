import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCompany, signedIn } from '../../../test/factories.js';
import { createTestApp, type TestApp } from '../../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

type Template = { id: string; key: string; version: number; name: unknown; steps: unknown[] };

describe('journey templates are the company’s own', () => {
  it('hides one company’s templates from another company’s staff, and lets only managers edit', async () => {
    const { company, project } = await cityCompany(t);
    const other = await cityCompany(t);
    const manager = await signedIn(t, company, ['cr_manager']);
    const [current] = (await manager.api.get(`/api/journey-templates?companyId=${company.id}`)).json()
      .items as Template[];
    const body = { version: current?.version, name: current?.name, active: true, steps: current?.steps };

    const stranger = await signedIn(t, other.company, ['cr_manager']);
    expect((await stranger.api.get(`/api/journey-templates?companyId=${company.id}`)).statusCode).toBe(403);
    expect((await stranger.api.get(`/api/journey-templates/${current?.id}`)).statusCode).toBe(404);
    expect((await stranger.api.put(`/api/journey-templates/${current?.id}`, body)).statusCode).toBe(403);

    const specialist = await signedIn(t, project, ['cr_specialist']);
    expect((await specialist.api.get(`/api/journey-templates/${current?.id}`)).statusCode).toBe(200);
    const refused = await specialist.api.put(`/api/journey-templates/${current?.id}`, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('FORBIDDEN');

    const contractor = await signedIn(t, project, ['contractor']);
    expect((await contractor.api.get(`/api/journey-templates?companyId=${company.id}`)).statusCode).toBe(403);
    const after = (await manager.api.get(`/api/journey-templates/${current?.id}`)).json();
    expect(after.version).toBe(current?.version);
  });

  it('refuses anonymous callers', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/journey-templates?companyId=00000000-0000-4000-8000-000000000000',
    });
    expect(res.statusCode).toBe(401);
  });
});
