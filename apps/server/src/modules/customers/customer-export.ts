import { PassThrough } from 'node:stream';
import type { CustomerSummary } from '@anju/contracts';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { CustomerListFilter } from './customer.repository.js';
import type { CustomerService } from './customer.service.js';
import type { CustomerReadService } from './customer-read.service.js';

const BATCH = 1000;
export const EXPORT_MAX_ROWS = 200_000;

const KIND_ZH: Record<string, string> = {
  prospect: '潜在客户',
  buyer: '准业主',
  owner: '业主',
  family: '家属',
  employee: '员工',
  public: '社会人士',
};

/** A filtered customer list as .xlsx, streamed in keyset pages, phones and IDs masked, the export audited. */
export async function exportCustomers(
  deps: { db: Db; customers: CustomerService; read: CustomerReadService; audit: AuditService },
  ctx: RequestContext,
  filter: Omit<CustomerListFilter, 'scopePath' | 'before' | 'limit'> & { q?: string },
) {
  assertPermission(ctx.principal, 'customers.export');
  await deps.audit.record(deps.db, ctx, {
    action: 'customer.export',
    entityType: 'customer',
    entityId: null,
    orgPath: ctx.principal.orgPath,
    after: filter,
  });
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('客户 Customers');
  sheet.columns = [
    { header: '姓名 Name', key: 'name', width: 14 },
    { header: '类型 Kinds', key: 'kinds', width: 16 },
    { header: '手机 Mobile', key: 'phone', width: 14 },
    { header: '证件号 ID', key: 'id', width: 22 },
    { header: '房产 Homes', key: 'homes', width: 40 },
    { header: '标签 Tags', key: 'tags', width: 20 },
    { header: '登记时间 Created', key: 'createdAt', width: 22 },
  ];
  const write = (items: CustomerSummary[]) => {
    for (const c of items) {
      sheet
        .addRow({
          name: c.name,
          kinds: c.kinds.map((k) => KIND_ZH[k] ?? k).join('、'),
          phone: c.primaryPhoneMasked ?? '',
          id: c.idNumberMasked ?? '',
          homes: c.homes.join('；'),
          tags: c.tags.join('、'),
          createdAt: c.createdAt,
        })
        .commit();
    }
  };
  void (async () => {
    try {
      if (filter.q) {
        write(await deps.read.summaries(await deps.customers.search(ctx, filter.q, 50)));
      } else {
        let before: { createdAt: Date; id: string } | undefined;
        for (let written = 0; written < EXPORT_MAX_ROWS; written += BATCH) {
          const rows = await deps.customers.list(ctx, { ...filter, before, limit: BATCH });
          const page = rows.slice(0, BATCH);
          write(await deps.read.summaries(page));
          const last = page[page.length - 1];
          if (rows.length <= BATCH || !last) break;
          before = { createdAt: last.createdAt, id: last.id };
        }
      }
      await workbook.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return stream;
}
