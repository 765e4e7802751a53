import { expect } from 'vitest';
import { cityCompany, drainJobs, signedIn } from './factories.js';
import type { TestApp } from './harness.js';
import { projectWithUnits } from './property-factories.js';

let phones = 0;
const phone = () => `1371000${String(++phones).padStart(4, '0')}`;

/** A 1×1 PNG: a signature drawn on the tablet, or an inspection photo. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
export const SIGNATURE = `data:image/png;base64,${PNG.toString('base64')}`;

/**
 * A project whose delivery batch (planned 20 Dec 2026) holds `count` sold units, each bought by its own owner (SMS
 * consent granted unless `consent` is false), and a CR manager of the company. Units 3-1-0101, 3-1-0102, …
 */
export async function handoverBatch(t: TestApp, count: number, opts: { consent?: boolean } = {}) {
  const { company, project } = await cityCompany(t);
  const codes = Array.from({ length: count }, (_, i) => `3-1-01${String(i + 1).padStart(2, '0')}`);
  const units = await projectWithUnits(t, project, codes, 'sold');
  const manager = await signedIn(t, company, ['cr_manager']);
  const batch = (
    await manager.api.post(`/api/projects/${project.id}/delivery-batches`, { name: '一期', plannedDate: '2026-12-20' })
  ).json();
  await manager.api.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: units.map((u) => u.id) });
  const owners: { customerId: string; phone: string; unitId: string; ownershipId: string }[] = [];
  for (const unit of units) {
    const mobile = phone();
    const customer = (
      await manager.api.post('/api/customers', {
        name: `业主${unit.code.slice(-2)}`,
        phones: [{ phone: mobile, isPrimary: true }],
        orgUnitId: project.id,
        consents: opts.consent === false ? [] : [{ channel: 'sms', granted: true, source: '交付前登记' }],
      })
    ).json().customer;
    const owned = await manager.api.post(`/api/customers/${customer.id}/ownerships`, {
      unitId: unit.id,
      contractDate: '2025-05-01',
    });
    expect(owned.statusCode, owned.body).toBe(201);
    owners.push({
      customerId: customer.id,
      phone: mobile,
      unitId: unit.id,
      ownershipId: owned.json().homesDetail[0].ownershipId,
    });
  }
  await drainJobs(t);
  return { company, project, units, batch, manager, owners };
}
export type HandoverBatch = Awaited<ReturnType<typeof handoverBatch>>;

/** Slots on 19 Dec 2026, 09:00–11:00 and 14:00–16:00 China time, with these capacities. */
export async function withSlots(h: HandoverBatch, capacities: [number, number] = [2, 2]) {
  const res = await h.manager.api.put(`/api/delivery-batches/${h.batch.id}/handover-slots`, {
    slots: [
      { startsAt: '2026-12-19T01:00:00Z', endsAt: '2026-12-19T03:00:00Z', capacity: capacities[0] },
      { startsAt: '2026-12-19T06:00:00Z', endsAt: '2026-12-19T08:00:00Z', capacity: capacities[1] },
    ],
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; startsAt: string; capacity: number; booked: number; version: number }[];
}
