import type { OrgUnitRow } from '../src/modules/org/org.tables.js';
import {
  buildings,
  productTypes as productTypeTable,
  projects,
  units,
} from '../src/modules/property/property.tables.js';
import type { TestApp } from './harness.js';

/** Gives a project org unit its property rows: the project, the building of the codes and the listed units. */
export async function projectWithUnits(t: TestApp, project: OrgUnitRow, codes: string[], status = 'delivered') {
  await t.db.insert(projects).values({ orgUnitId: project.id, address: '测试路 1 号' }).onConflictDoNothing();
  // the building of the first code (3-1-0101 → building 3); a second call for the same building reuses it
  const code = codes[0]?.split('-')[0] || '3';
  const [building] = await t.db
    .insert(buildings)
    .values({ projectId: project.id, code, name: `${code}号楼` })
    .onConflictDoUpdate({ target: [buildings.projectId, buildings.code], set: { name: `${code}号楼` } })
    .returning();
  if (!building) throw new Error('no building');
  return t.db
    .insert(units)
    .values(
      codes.map((code) => ({
        projectId: project.id,
        buildingId: building.id,
        code,
        floor: Number(code.split('-')[2]?.slice(0, -2) ?? 1),
        room: code.split('-')[2] ?? '101',
        status,
        deliveredOn: status === 'delivered' ? '2025-06-30' : null,
      })),
    )
    .returning();
}

/** Makes codes active product types of a project (units may then use them as `productType`). */
export async function productTypes(t: TestApp, projectId: string, codes: string[]) {
  await t.db.insert(projects).values({ orgUnitId: projectId, address: '测试路 1 号' }).onConflictDoNothing();
  await t.db
    .insert(productTypeTable)
    .values(codes.map((code, i) => ({ projectId, code, name: code, sort: i + 1 })))
    .onConflictDoUpdate({ target: [productTypeTable.projectId, productTypeTable.code], set: { active: true } });
}
