import type { RequestContext } from '../../platform/auth/principal.js';
import type { Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import { type Importer, type RowCheck, reason } from '../../platform/imports/importer.js';
import { PropertyRepository } from './property.repository.js';

export type UnitImportRow = {
  projectCode: string;
  phase: string;
  building: string;
  entrance: string;
  floor: number;
  room: string;
  code: string;
  area: number | null;
  layout: string | null;
  productType: string | null;
  /** 查丈面积; undefined when the row leaves it empty (an update keeps the unit's). */
  surveyedArea?: number | null;
  finish: 'bare' | 'finished';
  status: 'unsold' | 'sold' | 'delivered' | 'moved_in';
  deliveredOn: string | null;
};

const FINISH: Record<string, UnitImportRow['finish']> = {
  毛坯: 'bare',
  bare: 'bare',
  精装: 'finished',
  finished: 'finished',
};
const STATUS: Record<string, UnitImportRow['status']> = {
  未售: 'unsold',
  unsold: 'unsold',
  已售: 'sold',
  sold: 'sold',
  已交付: 'delivered',
  delivered: 'delivered',
  已入住: 'moved_in',
  moved_in: 'moved_in',
};

/** 2026-5-1, 2026/05/01, 2026.05.01 or an Excel date cell (already ISO) → 2026-05-01. */
export function parseDate(text: string): string | null | undefined {
  if (!text) return null;
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.toISOString().slice(0, 10);
}

export function checkUnitRow(v: Record<string, string>, lang: Language): RowCheck<UnitImportRow> {
  const reasons: string[] = [];
  const say = (zh: string, en: string) => reasons.push(reason(lang, zh, en));
  const projectCode = v.projectCode ?? '';
  const building = (v.building ?? '').replace(/(号楼|栋|幢)$/, '');
  const entrance = (v.entrance ?? '1').replace(/(单元)$/, '') || '1';
  const room = v.room ?? '';
  if (!projectCode) say('项目编码必填', 'project code is required');
  if (!/^[A-Za-z0-9-]{1,20}$/.test(building)) say('楼栋格式错误', 'bad building');
  if (!/^[A-Za-z0-9]{1,10}$/.test(entrance)) say('单元格式错误', 'bad entrance');
  if (!/^\d{3,5}$/.test(room)) say('房号应为 3–5 位数字，如 1502', 'room must be 3–5 digits, e.g. 1502');
  const floor = v.floor ? Number(v.floor) : Number(room.slice(0, -2));
  if (!Number.isInteger(floor) || floor < -5 || floor > 120) say('楼层无效', 'bad floor');
  const area = v.area ? Number(v.area) : null;
  if (area !== null && !(area > 0 && area < 10_000)) say('面积无效', 'bad area');
  const surveyedArea = v.surveyedArea ? Number(v.surveyedArea) : undefined;
  if (
    surveyedArea !== undefined &&
    !(surveyedArea > 0 && surveyedArea < 10_000 && /^\d+(\.\d{1,2})?$/.test(v.surveyedArea ?? ''))
  ) {
    say('查丈面积无效（大于 0，最多两位小数）', 'bad surveyed area (above 0, at most 2 decimals)');
  }
  const finish = v.finish ? FINISH[v.finish.toLowerCase()] : 'bare';
  if (!finish) say('装修标准应为 毛坯 或 精装', 'finish must be 毛坯 (bare) or 精装 (finished)');
  const status = v.status ? STATUS[v.status.toLowerCase()] : 'unsold';
  if (!status) say('状态应为 未售/已售/已交付/已入住', 'status must be unsold/sold/delivered/moved_in');
  const deliveredOn = parseDate(v.deliveredOn ?? '');
  if (deliveredOn === undefined) say('交付日期格式错误', 'bad delivery date');
  if (reasons.length || !finish || !status || deliveredOn === undefined) return { ok: false, reasons };
  const code = `${building}-${entrance}-${room}`;
  return {
    ok: true,
    key: `${projectCode}/${code}`,
    value: {
      projectCode,
      phase: v.phase ?? '',
      building,
      entrance,
      floor,
      room,
      code,
      area,
      layout: v.layout || null,
      productType: v.productType || null,
      ...(surveyedArea === undefined ? {} : { surveyedArea }),
      finish,
      status,
      deliveredOn,
    },
  };
}

/** Unit rows land in a project of the caller's scope; buildings are created on first sight, units upserted. */
async function applyUnitRow(tx: Tx, ctx: RequestContext, row: UnitImportRow): Promise<'imported' | 'updated'> {
  const repo = new PropertyRepository(tx);
  const project = await repo.projectByCodeInScope(row.projectCode, ctx.principal.orgPath);
  if (!project) throw new AppError('PROJECT_NOT_FOUND', { reason: row.projectCode });
  if (row.productType && !(await repo.activeProductTypes(project.id, [row.productType])).has(row.productType)) {
    throw new AppError('VALIDATION_FAILED', {
      field: 'productType',
      reason: `产品类型 / Product type「${row.productType}」is not an active product type of the project`,
    });
  }
  const building = await repo.upsertBuilding(project.id, {
    phase: row.phase,
    code: row.building,
    name: `${row.building}号楼`,
  });
  return (await repo.upsertUnit(project.id, building?.id, row)) ? 'imported' : 'updated';
}

export const unitImporter: Importer<UnitImportRow> = {
  kind: 'units',
  permission: 'property.manage',
  sheetName: '房源',
  columns: [
    { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
    { key: 'phase', zh: '分期', en: 'Phase', example: '一期' },
    { key: 'building', zh: '楼栋', en: 'Building', required: true, example: '3' },
    { key: 'entrance', zh: '单元', en: 'Entrance', example: '2' },
    { key: 'floor', zh: '楼层', en: 'Floor', example: '15' },
    { key: 'room', zh: '房号', en: 'Room', required: true, example: '1502' },
    { key: 'area', zh: '建筑面积', en: 'Area', aliases: ['面积'], example: '128.5' },
    { key: 'surveyedArea', zh: '查丈面积', en: 'Surveyed area', example: '127.86' },
    { key: 'layout', zh: '户型', en: 'Layout', example: '三室两厅两卫' },
    { key: 'productType', zh: '产品类型', en: 'Product type', example: '高层住宅' },
    { key: 'finish', zh: '装修标准', en: 'Finish', example: '精装' },
    { key: 'status', zh: '状态', en: 'Status', example: '已交付' },
    { key: 'deliveredOn', zh: '交付日期', en: 'Delivered on', example: '2025-06-30' },
  ],
  check: checkUnitRow,
  lockKeys: (row) => [`building:${row.projectCode}|${row.building}`],
  apply: applyUnitRow,
};
