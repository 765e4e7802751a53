import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { MagazineRepository } from './magazine.repository.js';
import type { MagazineService } from './magazine.service.js';

const BATCH = 1000;
const DELIVERY_ZH: Record<string, string> = { hand: '专人递送', post: '邮寄' };

/**
 * An issue's recipients for the print shop (members on the list by hand or post, with their addresses), as .xlsx
 * streamed in keyset pages; the export is audited because it carries names and addresses.
 */
export async function exportRecipients(
  deps: { db: Db; audit: AuditService; magazine: MagazineService },
  ctx: RequestContext,
  issueId: string,
) {
  const issue = await new MagazineRepository(deps.db).issue(issueId);
  if (!issue) throw new AppError('CLUB_MAGAZINE_ISSUE_NOT_FOUND');
  await deps.magazine.recipients(ctx, ['hand', 'post'], null, 1);
  await deps.audit.record(deps.db, ctx, {
    action: 'club_magazine.recipients_export',
    entityType: 'club_magazine_issue',
    entityId: issue.id,
    orgPath: ctx.principal.orgPath,
  });
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('收件人 Recipients');
  sheet.columns = [
    { header: '会员卡 Card', key: 'card', width: 14 },
    { header: '姓名 Name', key: 'name', width: 16 },
    { header: '递送 Delivery', key: 'delivery', width: 14 },
    { header: '地址 Address', key: 'address', width: 50 },
  ];
  sheet.addRow({ card: `${issue.title} ${issue.period}` }).commit();
  void (async () => {
    try {
      let after: string | null = null;
      for (;;) {
        const rows = await deps.magazine.recipients(ctx, ['hand', 'post'], after, BATCH);
        for (const r of rows) {
          sheet
            .addRow({
              card: r.cardNo,
              name: r.name,
              delivery: `${DELIVERY_ZH[r.delivery] ?? r.delivery} ${r.delivery}`,
              address: r.address ?? '',
            })
            .commit();
        }
        const last = rows[rows.length - 1];
        if (rows.length < BATCH || !last) break;
        after = last.memberId;
      }
      await workbook.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return stream;
}
