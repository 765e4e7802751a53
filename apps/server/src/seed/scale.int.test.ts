import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cityCompany, signedIn } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { queryRows } from '../platform/db/database.js';
import { seedScale } from './scale.js';

describe('scale data', () => {
  let t: TestApp;
  let company: Awaited<ReturnType<typeof cityCompany>>['company'];
  beforeAll(async () => {
    t = await createTestApp();
    ({ company } = await cityCompany(t));
    await seedScale(t.db, t.clock, 30, () => undefined);
  });
  afterAll(() => t.close());

  it('makes ids the API accepts, so scale data can be driven through it', async () => {
    const rows = await queryRows<{ customer: string; unit: string; building: string; ownership: string; ref: string }>(
      t.db,
      sql`select o.customer_id::text as customer, o.unit_id::text as unit, u.building_id::text as building,
                 o.id::text as ownership, s.ref_id as ref
            from ownerships o join units u on u.id = o.unit_id
            join customer_scopes s on s.customer_id = o.customer_id and s.relation = 'ownership'`,
    );
    expect(rows).toHaveLength(30);
    for (const r of rows) {
      for (const id of [r.customer, r.unit, r.building, r.ownership]) expect(z.uuid().safeParse(id).success).toBe(true);
      expect(r.ref).toBe(r.ownership);
    }
    const [project] = await queryRows<{ id: string }>(
      t.db,
      sql`select id from org_units where code like 'SCALE-%' and parent_id = ${company.id}`,
    );
    const { api } = await signedIn(t, company, ['cr_manager']);
    const first = rows[0] as (typeof rows)[number];
    expect((await api.get(`/api/customers/${first.customer}`)).statusCode).toBe(200);
    const created = await api.post('/api/tickets', {
      type: 'repair',
      channel: 'hotline',
      title: '卫生间渗水',
      customerId: first.customer,
      unitId: first.unit,
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ customerId: first.customer, unitId: first.unit, projectId: project?.id });
  });
});
