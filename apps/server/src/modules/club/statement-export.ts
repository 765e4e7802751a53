import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { ClubLedgerRow } from './club.tables.js';
import { LedgerRepository } from './ledger.repository.js';
import type { ClubMemberService } from './member.service.js';

const BATCH = 1000;
const MAX_ROWS = 200_000;
const KIND_ZH: Record<string, string> = {
  earn: '获得',
  redeem: '使用',
  expire: '过期',
  adjust: '调整',
  reverse: '冲正',
};

/** A member's points statement as .xlsx, streamed newest first in keyset pages; the export is audited. */
export async function exportStatement(
  deps: { db: Db; audit: AuditService; members: ClubMemberService },
  ctx: RequestContext,
  memberId: string,
) {
  const member = await deps.members.get(ctx, memberId);
  await deps.audit.record(deps.db, ctx, {
    action: 'club_points.export',
    entityType: 'club_member',
    entityId: member.id,
    orgPath: member.orgPath,
  });
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('积分 Points');
  sheet.columns = [
    { header: '时间 Time', key: 'at', width: 22 },
    { header: '类型 Kind', key: 'kind', width: 12 },
    { header: '积分 Points', key: 'points', width: 10 },
    { header: '余额 Balance', key: 'balance', width: 10 },
    { header: '来源 Source', key: 'source', width: 30 },
    { header: '原因 Reason', key: 'reason', width: 30 },
  ];
  sheet.addRow({ at: `会员卡 Card ${member.cardNo}`, kind: '余额 Balance', points: member.balance }).commit();
  const write = (rows: ClubLedgerRow[]) => {
    for (const e of rows) {
      sheet
        .addRow({
          at: e.at.toISOString(),
          kind: `${KIND_ZH[e.kind] ?? e.kind} ${e.kind}`,
          points: e.points,
          balance: e.balanceAfter,
          source: [e.sourceType, e.sourceId].filter(Boolean).join(' '),
          reason: e.reason ?? '',
        })
        .commit();
    }
  };
  void (async () => {
    try {
      let before: number | null = null;
      for (let written = 0; written < MAX_ROWS; written += BATCH) {
        const rows = await new LedgerRepository(deps.db).page(member.id, before, BATCH);
        write(rows);
        const last = rows[rows.length - 1];
        if (rows.length < BATCH || !last) break;
        before = last.id;
      }
      await workbook.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return stream;
}
