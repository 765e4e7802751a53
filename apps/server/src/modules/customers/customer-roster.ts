import { normalisePhone } from '@anju/contracts';
import type { RequestContext } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import type { Language } from '../../platform/i18n.js';
import { type RowCheck, reason } from '../../platform/imports/importer.js';
import { parseDate } from '../property/unit.importer.js';
import type { CustomerService } from './customer.service.js';
import type { customers } from './customer.tables.js';
import { nameKeys, normaliseResidentId, toHalfWidth } from './customer.validation.js';

/*
 * The owner-roster row: its shape, its checks, and what the row-by-row importer (customer.importer.ts) and the
 * set-based batch (customer-import.batch.ts) share, so neither of the two imports the other.
 */

export type RosterRow = {
  name: string;
  phones: string[];
  idNumber: string | null;
  gender: 'male' | 'female' | 'unknown';
  email: string | null;
  projectCode: string;
  unitCode: string;
  firstVisitDate: string | null;
  contractDate: string | null;
  deliveryDate: string | null;
  moveInDate: string | null;
};

const GENDER: Record<string, RosterRow['gender']> = {
  男: 'male',
  male: 'male',
  m: 'male',
  女: 'female',
  female: 'female',
  f: 'female',
};

export function checkRosterRow(v: Record<string, string>, lang: Language): RowCheck<RosterRow> {
  const reasons: string[] = [];
  const say = (zh: string, en: string) => reasons.push(reason(lang, zh, en));
  const name = (v.name ?? '').trim();
  if (!name) say('姓名必填', 'name is required');
  else if ([...name].length > 20) say('姓名超过 20 个字', 'name longer than 20 characters');
  const phones = [v.phone ?? '', v.phone2 ?? ''].map(normalisePhone).filter(Boolean);
  if (!v.phone) say('手机号必填', 'mobile is required');
  for (const p of phones) if (!/^1[3-9]\d{9}$/.test(p)) say(`手机号格式错误：${p}`, `bad mobile number: ${p}`);
  let idNumber: string | null = null;
  if (v.idNumber) {
    idNumber = normaliseResidentId(v.idNumber);
    if (!idNumber) say('身份证号无效（位数或校验码错误）', 'invalid resident ID (length or check digit)');
  }
  const unitCode = toHalfWidth(v.unitCode ?? '');
  if (!v.projectCode) say('项目编码必填', 'project code is required');
  if (!/^[A-Za-z0-9]+-[A-Za-z0-9]+-\d{3,5}$/.test(unitCode))
    say('房号格式应为 楼栋-单元-房号，如 3-2-1502', 'unit code must look like 3-2-1502');
  const dates = {
    firstVisitDate: parseDate(v.firstVisitDate ?? ''),
    contractDate: parseDate(v.contractDate ?? ''),
    deliveryDate: parseDate(v.deliveryDate ?? ''),
    moveInDate: parseDate(v.moveInDate ?? ''),
  };
  if (Object.values(dates).some((d) => d === undefined))
    say('日期格式错误（应为 2025-06-30）', 'bad date (use 2025-06-30)');
  else if (dates.firstVisitDate && dates.contractDate && dates.firstVisitDate > dates.contractDate)
    say('首次来访日期晚于签约日期', 'first visit after the contract date');
  else if (dates.moveInDate && dates.deliveryDate && dates.moveInDate < dates.deliveryDate)
    say('入住日期早于交付日期', 'move-in before the delivery date');
  const gender = v.gender ? GENDER[v.gender.toLowerCase()] : 'unknown';
  if (!gender) say('性别应为 男 或 女', 'gender must be 男 or 女');
  if (reasons.length || !gender) return { ok: false, reasons };
  return {
    ok: true,
    key: `${idNumber ?? phones[0]}|${v.projectCode}|${unitCode}`,
    value: {
      name,
      phones,
      idNumber,
      gender,
      email: v.email || null,
      projectCode: v.projectCode ?? '',
      unitCode,
      firstVisitDate: dates.firstVisitDate ?? null,
      contractDate: dates.contractDate ?? null,
      deliveryDate: dates.deliveryDate ?? null,
      moveInDate: dates.moveInDate ?? null,
    },
  };
}

export const unknownUnit = (row: RosterRow) =>
  new AppError('UNIT_NOT_FOUND', { reason: `${row.projectCode} ${row.unitCode}` });
export const idOfAnother = (name: string) =>
  new AppError('RELATION_INVALID', { reason: `证件号已属于另一位客户（${name}）/ ID belongs to another customer` });

/** The customer record a roster row creates (shared by the row path and the set-based path). */
export function newRosterCustomer(
  row: RosterRow,
  identity: ReturnType<CustomerService['identity']>,
  ctx: RequestContext,
  now: Date,
  id?: string,
): typeof customers.$inferInsert {
  const keys = nameKeys(row.name);
  return {
    ...(id ? { id } : {}),
    name: row.name,
    nameInitials: keys.initials,
    namePinyin: keys.pinyin,
    gender: row.gender,
    email: row.email,
    ...identity,
    sourceChannel: 'import',
    createdBy: ctx.principal.userId,
    createdAt: now,
    updatedAt: now,
  };
}
