import { type PartCategory, STATUTORY_WARRANTY } from '@anju/contracts';
import { isNull } from 'drizzle-orm';
import type { OrgUnitRow } from '../modules/org/org.tables.js';
import {
  buildings,
  deliveryBatches,
  productTypes,
  projects,
  units,
  warrantyRules,
} from '../modules/property/property.tables.js';
import { chinaDate } from '../platform/china-time.js';
import type { Clock } from '../platform/clock.js';
import type { Executor } from '../platform/db/database.js';

/** Company-wide warranty defaults: the statutory minimums, editable by a group admin. */
export async function ensureWarrantyDefaults(db: Executor, clock: Clock) {
  const existing = await db
    .select({ c: warrantyRules.partCategory })
    .from(warrantyRules)
    .where(isNull(warrantyRules.projectId));
  const have = new Set(existing.map((r) => r.c));
  const now = clock.now();
  const rows = (Object.entries(STATUTORY_WARRANTY) as [PartCategory, { kind: string; value: number }][])
    .filter(([category]) => !have.has(category))
    .map(([partCategory, p]) => ({
      projectId: null,
      partCategory,
      periodKind: p.kind,
      periodValue: p.value,
      note: '法定最低保修期',
      createdAt: now,
      updatedAt: now,
    }));
  if (rows.length) await db.insert(warrantyRules).values(rows);
}

/** Where a project stands: everything handed over, one phase handed over and one being built, or all being built. */
export type ProjectStage = 'delivered' | 'delivering' | 'construction';

const PROJECTS: Record<
  string,
  {
    address: string;
    types: string[];
    finish: 'bare' | 'finished' | 'mixed';
    buildings: number;
    floors: number;
    stage: ProjectStage;
  }
> = {
  'SH-YT': {
    address: '上海市闵行区虹梅南路 2588 弄',
    types: ['高层住宅', '洋房'],
    finish: 'finished',
    buildings: 6,
    floors: 18,
    stage: 'delivering',
  },
  'SH-BJ': {
    address: '上海市徐汇区龙腾大道 1200 号',
    types: ['高层住宅'],
    finish: 'finished',
    buildings: 4,
    floors: 28,
    stage: 'delivered',
  },
  'HZ-XX': {
    address: '杭州市西湖区文一西路 998 号',
    types: ['洋房', '别墅'],
    finish: 'mixed',
    buildings: 6,
    floors: 11,
    stage: 'delivered',
  },
  'HZ-QT': {
    address: '杭州市钱塘区江东大道 3899 号',
    types: ['高层住宅'],
    finish: 'bare',
    buildings: 5,
    floors: 26,
    stage: 'construction',
  },
  'CQ-JS': {
    address: '重庆市渝北区金开大道 1688 号',
    types: ['高层住宅', '洋房'],
    finish: 'bare',
    buildings: 6,
    floors: 24,
    stage: 'delivering',
  },
  'CQ-LJ': {
    address: '重庆市江北区北滨一路 366 号',
    types: ['高层住宅'],
    finish: 'finished',
    buildings: 4,
    floors: 32,
    stage: 'construction',
  },
};
const LAYOUTS: [string, number][] = [
  ['两室两厅一卫', 89],
  ['三室两厅两卫', 118],
  ['四室两厅两卫', 143],
  ['三室两厅两卫', 128],
];

export type DemoUnit = { id: string; projectId: string; code: string; status: string; deliveredOn: string | null };

const dayFrom = (now: Date, days: number) => chinaDate(new Date(now.getTime() + days * 86_400_000));

/** The two phases' delivery dates of a project at its stage, relative to today: [planned, actual] each. */
function phaseDates(now: Date, stage: ProjectStage): [string, string | null][] {
  switch (stage) {
    case 'delivered':
      return [
        [dayFrom(now, -912), dayFrom(now, -914)],
        [dayFrom(now, -200), dayFrom(now, -203)],
      ];
    case 'delivering':
      return [
        [dayFrom(now, -520), dayFrom(now, -522)],
        [dayFrom(now, 75), null],
      ];
    case 'construction':
      return [
        [dayFrom(now, 120), null],
        [dayFrom(now, 400), null],
      ];
  }
}

/**
 * Six demo projects with two phases each, at three stages (dates relative to the seed's clock): all handed over
 * (homes moved in or delivered), phase one handed over and phase two sold and due in a few months, or both
 * phases still being built and sold. Two entrances per building, two homes per floor: about 2,000 units.
 */
export async function seedDemoProperty(
  db: Executor,
  clock: Clock,
  projectNodes: Map<string, OrgUnitRow>,
): Promise<DemoUnit[]> {
  const now = clock.now();
  const all: DemoUnit[] = [];
  for (const [code, spec] of Object.entries(PROJECTS)) {
    const node = projectNodes.get(code);
    if (!node) continue;
    await db.insert(projects).values({
      orgUnitId: node.id,
      address: spec.address,
      finishStandard: spec.finish,
      createdAt: now,
      updatedAt: now,
    });
    // the project's controlled list of product types, before the units that use them
    await db
      .insert(productTypes)
      .values(
        [...new Set([...spec.types, '高层住宅'])].map((type, i) => ({
          projectId: node.id,
          code: type,
          name: type,
          sort: i + 1,
          updatedAt: now,
        })),
      )
      .onConflictDoNothing();
    const dates = phaseDates(now, spec.stage);
    const batches = await db
      .insert(deliveryBatches)
      .values(
        ['一期集中交付', '二期集中交付'].map((name, i) => ({
          projectId: node.id,
          name,
          plannedDate: dates[i]?.[0] ?? null,
          actualDate: dates[i]?.[1] ?? null,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    const buildingRows = await db
      .insert(buildings)
      .values(
        Array.from({ length: spec.buildings }, (_, i) => ({
          projectId: node.id,
          phase: i < spec.buildings / 2 ? '一期' : '二期',
          code: String(i + 1),
          name: `${i + 1}号楼`,
          floors: spec.floors,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .returning();
    for (const [bi, building] of buildingRows.entries()) {
      const batch = batches[building.phase === '一期' ? 0 : 1];
      const handedOver = batch?.actualDate ?? null;
      const rows = [];
      for (let entrance = 1; entrance <= 2; entrance++) {
        for (let floor = 1; floor <= spec.floors; floor++) {
          for (let room = 1; room <= 2; room++) {
            const [layout, area] = LAYOUTS[(floor + room + bi) % LAYOUTS.length] as [string, number];
            const n = floor * 7 + room * 3 + entrance + bi;
            const status = handedOver ? (n % 5 === 0 ? 'delivered' : 'moved_in') : n % 6 === 0 ? 'unsold' : 'sold';
            const roomNo = `${floor}${String((entrance - 1) * 2 + room).padStart(2, '0')}`;
            rows.push({
              projectId: node.id,
              buildingId: building.id,
              code: `${building.code}-${entrance}-${roomNo}`,
              entrance: String(entrance),
              floor,
              room: roomNo,
              area: area + (n % 7),
              layout,
              productType: spec.types[bi % spec.types.length] ?? '高层住宅',
              finish: spec.finish === 'mixed' ? (bi % 2 ? 'finished' : 'bare') : spec.finish,
              status,
              deliveryBatchId: batch?.id ?? null,
              deliveredOn: handedOver,
              createdAt: now,
              updatedAt: now,
            });
          }
        }
      }
      const inserted = await db
        .insert(units)
        .values(rows)
        .returning({ id: units.id, code: units.code, status: units.status, deliveredOn: units.deliveredOn });
      all.push(...inserted.map((u) => ({ ...u, projectId: node.id })));
    }
  }
  return all;
}
