import { PassThrough } from 'node:stream';
import type { ListTicketsQuery } from '@anju/contracts';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { Language } from '../../platform/i18n.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { maskMobile } from '../customers/customer.validation.js';
import type { TicketService } from './ticket.service.js';
import { ticketWord } from './ticket-words.js';

const BATCH = 200;
export const TICKET_EXPORT_MAX_ROWS = 100_000;

const HEADERS: Record<string, [string, string]> = {
  number: ['工单编号', 'Number'],
  type: ['类型', 'Type'],
  status: ['状态', 'Status'],
  channel: ['渠道', 'Channel'],
  project: ['项目', 'Project'],
  unit: ['房号', 'Unit'],
  title: ['标题', 'Title'],
  category: ['类别', 'Category'],
  customer: ['客户', 'Customer'],
  phone: ['联系电话', 'Phone'],
  reportedAt: ['受理时间', 'Reported at'],
  dueAt: ['下一时限', 'Next deadline'],
  overdue: ['超时', 'Overdue'],
  escalation: ['升级级别', 'Escalation level'],
};

/**
 * The queue's tickets under the same filters as .xlsx, in keyset pages of the caller's scope, phones masked, in the
 * reader's language; the export is audited with its filters.
 */
export async function exportTickets(
  deps: { db: Db; tickets: TicketService; audit: AuditService },
  ctx: RequestContext,
  filter: Omit<ListTicketsQuery, 'cursor' | 'limit'>,
  lang: Language,
) {
  assertPermission(ctx.principal, 'tickets.read', 'customers.export');
  await deps.audit.record(deps.db, ctx, {
    action: 'ticket.export',
    entityType: 'ticket',
    entityId: null,
    orgPath: ctx.principal.orgPath,
    after: filter,
  });
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(lang === 'en-US' ? 'Tickets' : '工单');
  sheet.columns = Object.entries(HEADERS).map(([key, [zh, en]]) => ({
    header: lang === 'en-US' ? en : zh,
    key,
    width: key === 'title' ? 40 : 16,
  }));
  const yes = lang === 'en-US' ? 'yes' : '是';
  void (async () => {
    try {
      let cursor: { t: string; id: string } | null = null;
      for (let written = 0; written < TICKET_EXPORT_MAX_ROWS; written += BATCH) {
        const rows = await deps.tickets.list(ctx, { ...filter, limit: BATCH } as ListTicketsQuery, cursor);
        const page = rows.slice(0, BATCH);
        for (const t of page)
          sheet
            .addRow({
              number: t.number,
              type: ticketWord(lang, 'type', t.type),
              status: ticketWord(lang, 'status', t.status),
              channel: ticketWord(lang, 'channel', t.channel),
              project: t.projectName ?? '',
              unit: t.unitCode ?? '',
              title: t.title,
              category: t.categoryCode ?? '',
              customer: t.customerName ?? '',
              phone: t.contactPhone ? maskMobile(t.contactPhone) : '',
              reportedAt: t.reportedAt.toISOString(),
              dueAt: t.nextDueAt?.toISOString() ?? '',
              overdue: t.overdue ? yes : '',
              escalation: t.escalationLevel || '',
            })
            .commit();
        const last = page.at(-1);
        if (rows.length <= BATCH || !last) break;
        const byDue = filter.sort === 'due';
        cursor = { t: ((byDue ? last.nextDueAt : last.createdAt) as Date).toISOString(), id: last.id };
      }
      await workbook.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return stream;
}
