import { expect } from 'vitest';
import { cityCompany, drainJobs, signedIn } from './factories.js';
import type { TestApp } from './harness.js';
import { projectWithUnits } from './property-factories.js';

let phones = 0;
const phone = () => `1370000${String(++phones).padStart(4, '0')}`;
export type JourneyTaskItem = {
  id: string;
  stepKey: string;
  occurrence: number;
  dueDate: string;
  status: string;
  version: number;
};

/** A buyer of a unit in a batch planned for 20 Dec 2026, signed on `contractDate` (moved in on `moveInDate`). */
export async function journeyHousehold(
  t: TestApp,
  contractDate: string,
  dates: { moveInDate?: string; firstVisitDate?: string } = {},
) {
  const { company, project } = await cityCompany(t);
  const [unit] = await projectWithUnits(t, project, ['3-1-0101'], 'sold');
  const manager = await signedIn(t, company, ['cr_manager']);
  const batch = (
    await manager.api.post(`/api/projects/${project.id}/delivery-batches`, { name: '一期', plannedDate: '2026-12-20' })
  ).json();
  await manager.api.post(`/api/delivery-batches/${batch.id}/units`, { unitIds: [unit?.id] });
  const mobile = phone();
  const customer = (
    await manager.api.post('/api/customers', {
      name: '王业主',
      phones: [{ phone: mobile, isPrimary: true }],
      orgUnitId: project.id,
    })
  ).json().customer;
  const owned = await manager.api.post(`/api/customers/${customer.id}/ownerships`, {
    unitId: unit?.id,
    contractDate,
    ...dates,
  });
  expect(owned.statusCode, owned.body).toBe(201);
  await drainJobs(t);
  const tasks = async (status = 'open'): Promise<JourneyTaskItem[]> =>
    (await manager.api.get(`/api/journey-tasks?status=${status}&projectId=${project.id}&limit=200`)).json().items;
  const ownershipId: string = owned.json().homesDetail[0].ownershipId;
  return { company, project, unit, batch, customer, phone: mobile, manager, tasks, ownershipId };
}
