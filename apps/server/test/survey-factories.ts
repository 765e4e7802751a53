import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { deliveryBatches, productTypes, units } from '../src/modules/property/property.tables.js';
import { outboxMessages } from '../src/platform/messaging/messaging.tables.js';
import { cityCompany, drainJobs, signedIn } from './factories.js';
import type { TestApp } from './harness.js';
import { projectWithUnits } from './property-factories.js';

let phones = 0;
let buildings = 0;
/** A fresh mobile number per household (tests share one database per file). */
export const nextPhone = () => `1360000${String(++phones).padStart(4, '0')}`;

/** A city company's project with a CR manager (sends surveys) at the company and a hotline agent at the project. */
export async function surveyPlace(t: TestApp) {
  const place = await cityCompany(t);
  const manager = await signedIn(t, place.company, ['cr_manager']);
  const agent = await signedIn(t, place.project, ['hotline_agent']);
  return { ...place, manager, agent };
}
export type SurveyPlace = Awaited<ReturnType<typeof surveyPlace>>;

/** A delivery batch of the project (delivered on `actualDate`). */
export async function batchOf(t: TestApp, projectId: string, actualDate = '2026-06-30') {
  const [batch] = await t.db
    .insert(deliveryBatches)
    .values({ projectId, name: `批次 ${actualDate}`, actualDate, createdAt: t.clock.now(), updatedAt: t.clock.now() })
    .returning();
  if (!batch) throw new Error('no batch');
  return batch;
}

/**
 * Households: one unit each (`building-1-<floor><room>` codes), an owner with a phone who consented to SMS unless
 * `consent` is false, signed on `contractDate` and handed over on `deliveryDate` when given.
 */
export async function households(
  t: TestApp,
  p: SurveyPlace,
  n: number,
  opts: {
    building?: string;
    productType?: string;
    batchId?: string;
    contractDate?: string;
    deliveryDate?: string;
    consent?: boolean;
  } = {},
) {
  // a building of its own (100 and up), never one a test names (those stay below 100)
  const building = opts.building ?? String(100 + ++buildings);
  const codes = Array.from({ length: n }, (_, i) => `${building}-1-${String(1 + i).padStart(2, '0')}01`);
  const made = await projectWithUnits(t, p.project, codes, 'sold');
  if (opts.productType) {
    await t.db
      .insert(productTypes)
      .values({ projectId: p.project.id, code: opts.productType, name: opts.productType })
      .onConflictDoNothing();
  }
  const out: { unitId: string; customerId: string; ownershipId: string; phone: string }[] = [];
  for (const unit of made) {
    await t.db
      .update(units)
      .set({ productType: opts.productType ?? null, deliveryBatchId: opts.batchId ?? null })
      .where(eq(units.id, unit.id));
    const phone = nextPhone();
    const created = await p.manager.api.post('/api/customers', {
      name: '业主',
      phones: [{ phone, isPrimary: true }],
      orgUnitId: p.project.id,
      consents: opts.consent === false ? [] : [{ channel: 'sms', granted: true, source: '签约时' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const customerId: string = created.json().customer.id;
    const owned = await p.manager.api.post(`/api/customers/${customerId}/ownerships`, {
      unitId: unit.id,
      contractDate: opts.contractDate ?? '2025-01-10',
      deliveryDate: opts.deliveryDate ?? null,
    });
    expect(owned.statusCode, owned.body).toBe(201);
    out.push({ unitId: unit.id, customerId, ownershipId: owned.json().homesDetail[0].ownershipId, phone });
  }
  await drainJobs(t);
  return out;
}

/** The token of the newest survey link texted about a request. */
export async function linkToken(t: TestApp, requestId: string): Promise<string> {
  const rows = await t.db.select().from(outboxMessages).where(eq(outboxMessages.refId, requestId));
  const body = rows.filter((m) => m.template === 'survey.link').at(-1)?.body ?? '';
  const token = body.match(/\/m\/survey\/([\w-]+)/)?.[1];
  if (!token) throw new Error(`no survey link for ${requestId}`);
  return token;
}
