import type { ModuleServices } from '../modules/index.js';
import type { RequestContext } from '../platform/auth/principal.js';
import { chinaDate } from '../platform/china-time.js';
import type { ManualClock } from '../platform/clock.js';
import { handoverDemoBatch } from './demo-handover.js';

const DAY = 86_400_000;

/** What each demo project discloses: the risks within 1 km of its red line and the amenities promised. */
const RISKS = [
  [
    { type: 'high_voltage_line', name: '北侧 220kV 高压走廊', distanceM: 380, note: '电力部门规划 2028 年入地' },
    { type: 'waste_station', name: '西侧生活垃圾转运站', distanceM: 760, note: '密闭式，已投入使用' },
  ],
  [
    { type: 'elevated_road', name: '南侧城市快速路（高架）', distanceM: 220, note: '临路一侧已按隔声窗标准交付' },
    { type: 'planned_construction', name: '东侧商业综合体地块', distanceM: 450, note: '规划中，施工期约三年' },
    { type: 'gas_station', name: '中石化加油站', distanceM: 900 },
  ],
  [{ type: 'railway', name: '地铁 5 号线地面段', distanceM: 600, note: '夜间 23:00 后停运' }],
] as const;
const AMENITIES = [
  { name: '九年一贯制学校', promisedOn: '2027-09-01', status: 'under_construction' },
  { name: '社区公园', promisedOn: '2026-06-30', status: 'open' },
  { name: '地铁站（规划）', status: 'planned', note: '以政府公布为准' },
] as const;

/**
 * The demo's delivery work before and beside the handover day (run before it): every project has published its risk disclosure and the demo
 * owner has acknowledged theirs; the batch whose handover is running went through its simulated acceptance a month
 * ago (findings verified, one waiting for verification, one still open and late); delivered batches were handed
 * over to the property company, one rated (timely, not complete) and one not rated yet.
 */
export async function seedDemoDelivery(
  services: Pick<ModuleServices, 'journeys' | 'property' | 'org'>,
  ctx: RequestContext,
  clock: ManualClock,
  now: Date,
  owner: { customerId: string; unitId: string },
) {
  const { disclosure, acceptance, propertyHandovers, handover: day } = services.journeys;
  const { property, batches } = services.property;
  const was = clock.now();
  const projects = await property.listProjects(ctx, { limit: 50 });

  clock.set(new Date(now.getTime() - 60 * DAY));
  for (const [i, p] of projects.entries()) {
    await disclosure.upsert(ctx, p.orgUnitId, {
      risks: (RISKS[i % RISKS.length] ?? RISKS[0]).map((r) => ({ ...r })),
      amenities: AMENITIES.map((a) => ({ ...a })),
      note: '以上信息依据政府公开规划及现场踏勘，如有变化将及时公示。',
    });
  }
  const { projectId } = await property.getUnit(ctx, owner.unitId);
  const [pack] = await disclosure.list(ctx, { orgUnitId: projectId });
  if (pack) await disclosure.acknowledge(ctx, projectId, { customerId: owner.customerId, version: pack.version });

  let findings = 0;
  // the acceptance came a month before the handover day the demo then runs on the same batch
  const batch = await handoverDemoBatch(services, ctx);
  if (batch) {
    clock.set(new Date(now.getTime() - 30 * DAY));
    const board = await day.board.board(ctx, batch.id);
    const company = await services.org.directory.companyOf(board.projectId);
    const [contractor] = company ? await services.org.directory.contractors(company.path) : [];
    const units = board.households.map((h) => h.unitId).slice(0, 4);
    const plan = [
      ['bathroom', 'leak', 'blocking', '主卫防水闭水试验渗漏至楼下'],
      ['living_room', 'crack', 'blocking', '客厅顶板裂缝约 1.2 米'],
      ['kitchen', 'hollow_plaster', 'normal', '厨房墙面空鼓两处'],
      ['balcony', 'doors_windows', 'normal', '阳台推拉门关闭不严'],
    ] as const;
    for (const [n, unitId] of units.entries()) {
      const [room, categoryCode, severity, description] = plan[n] as (typeof plan)[number];
      const f = await acceptance.record(ctx, batch.id, {
        unitId,
        room,
        categoryCode,
        severity,
        description,
        contractorId: contractor?.id ?? null,
        photoFileIds: [],
      });
      findings++;
      if (n === 3) continue; // still open, and late by now
      clock.advance(2 * DAY);
      const fixed = await acceptance.update(ctx, f.id, { action: 'rectify', note: '已按规范整改', version: f.version });
      if (n === 2) continue; // waiting for verification
      clock.advance(DAY);
      await acceptance.update(ctx, f.id, { action: 'verify', note: null, version: fixed.version });
    }
  }

  let handedOver = 0;
  for (const p of projects) {
    const delivered = (await batches.list(ctx, p.orgUnitId)).map((b) => b.batch).filter((b) => b.actualDate);
    for (const b of delivered) {
      if (handedOver >= 2) break;
      const on = chinaDate(new Date(Date.parse(`${b.actualDate}T00:00:00+08:00`) - 10 * DAY));
      clock.set(new Date(Math.min(now.getTime(), Date.parse(`${b.actualDate}T10:00:00+08:00`))));
      const record = await propertyHandovers.record(ctx, b.id, {
        handedOverOn: on,
        items: [
          { code: 'keys', quantity: 2 * 120, note: '每户 2 把' },
          { code: 'as_built_drawings', quantity: 1 },
          { code: 'equipment_manuals', quantity: 42 },
          { code: 'facility_register', quantity: 1 },
        ],
        note: '承接查验已完成，遗留问题清单另附',
      });
      handedOver++;
      if (handedOver === 1) {
        await propertyHandovers.rate(ctx, b.id, {
          timely: true,
          complete: false,
          comment: '消防设施维保资料缺失，已要求补交',
          version: record.version,
        });
      }
    }
  }
  clock.set(was);
  return { packs: projects.length, findings, handedOver };
}
