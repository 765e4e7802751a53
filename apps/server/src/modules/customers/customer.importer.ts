import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Tx } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { Importer } from '../../platform/imports/importer.js';
import { UnitLookup } from '../property/unit-lookup.js';
import { CustomerRepository } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import { applyRosterBatch } from './customer-import.batch.js';
import type { CustomerRelationsService } from './customer-relations.service.js';
import { checkRosterRow, idOfAnother, newRosterCustomer, type RosterRow, unknownUnit } from './customer-roster.js';

/**
 * One owner row: find the person (same ID number, else same mobile and name — company-wide, since one person
 * may own homes in several cities), create them if new, and link the unit. Re-importing updates, never duplicates.
 */
export function rosterImporter(deps: {
  customers: CustomerService;
  relations: CustomerRelationsService;
  audit: AuditService;
  clock: Clock;
  events: EventBus;
}): Importer<RosterRow> {
  const apply = async (tx: Tx, ctx: RequestContext, row: RosterRow): Promise<'imported' | 'updated'> => {
    const unit = await new UnitLookup(tx).byProjectCodeInScope(row.projectCode, row.unitCode, ctx.principal.orgPath);
    if (!unit) throw unknownUnit(row);
    const identity = deps.customers.identity({ idType: row.idNumber ? 'resident_id' : null, idNumber: row.idNumber });
    const repo = new CustomerRepository(tx);
    let existing = identity.idNumberHash ? await repo.findByIdNumberHash(identity.idNumberHash) : undefined;
    if (existing && existing.name !== row.name) throw idOfAnother(existing.name);
    if (!existing) existing = await repo.findByPhoneAndName(row.phones[0] as string, row.name);
    if (existing) {
      await repo.insertPhones(
        existing.id,
        row.phones.map((phone) => ({ phone, isPrimary: false })),
      );
      if (!existing.idNumberHash && identity.idNumberHash)
        await repo.update(existing.id, existing.version, identity, deps.clock.now());
      await deps.relations.linkOwnership(tx, ctx, existing.id, unit, { unitId: unit.id, ...row }, 'import');
      return 'updated';
    }
    const now = deps.clock.now();
    const created = await repo.insert(newRosterCustomer(row, identity, ctx, now));
    await repo.insertPhones(
      created.id,
      row.phones.map((phone, i) => ({ phone, isPrimary: i === 0 })),
    );
    const duplicates = await repo.findDuplicateCandidates(created.id, row.phones, identity.idNumberHash);
    await repo.flagDuplicates(created.id, duplicates, now);
    await deps.relations.linkOwnership(tx, ctx, created.id, unit, { unitId: unit.id, ...row }, 'import');
    return 'imported';
  };
  return {
    kind: 'customers',
    permission: 'customers.import',
    sheetName: '业主名册',
    columns: [
      { key: 'name', zh: '姓名', en: 'Name', required: true, example: '张三' },
      { key: 'phone', zh: '手机号', en: 'Mobile', aliases: ['手机', '电话'], required: true, example: '13812345678' },
      { key: 'phone2', zh: '其他手机', en: 'Other mobile', example: '' },
      {
        key: 'idNumber',
        zh: '身份证号',
        en: 'ID number',
        aliases: ['证件号码', '证件号'],
        example: '11010519491231002X',
      },
      { key: 'gender', zh: '性别', en: 'Gender', example: '男' },
      { key: 'email', zh: '邮箱', en: 'E-mail', example: '' },
      { key: 'projectCode', zh: '项目编码', en: 'Project code', required: true, example: 'SH-YT' },
      { key: 'unitCode', zh: '房号', en: 'Unit code', required: true, example: '3-2-1502' },
      { key: 'firstVisitDate', zh: '首次来访日期', en: 'First visit date', example: '2024-02-10' },
      { key: 'contractDate', zh: '签约日期', en: 'Contract date', example: '2024-03-01' },
      { key: 'deliveryDate', zh: '交付日期', en: 'Delivery date', example: '2025-06-30' },
      { key: 'moveInDate', zh: '入住日期', en: 'Move-in date', example: '' },
    ],
    check: checkRosterRow,
    // The person (by ID number, and by first mobile + name) and the home a row touches.
    lockKeys: (row) => [
      ...(row.idNumber ? [`id:${row.idNumber}`] : []),
      `mobile:${row.phones[0]}|${row.name}`,
      `unit:${row.projectCode}|${row.unitCode}`,
    ],
    apply,
    applyBatch: (tx, ctx, rows) => applyRosterBatch(deps, tx, ctx, rows),
  };
}
