import { PassThrough } from 'node:stream';
import type { MemberClass } from '@anju/contracts/club';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { ClubMemberService } from './member.service.js';

const BATCH = 1000;
const MAX_ROWS = 200_000;
const CLASS_ZH: Record<MemberClass, string> = {
  buyer: '签约客户',
  owner_family: '业主及家属',
  employee: '员工',
  public: '社会人士',
};

type Filter = Parameters<ClubMemberService['list']>[1];

/**
 * The members I see by the list's filters, as .xlsx streamed in keyset pages: card, name, class, tier and points —
 * no phone or ID number (the customer's contact details stay behind the customers module's reveal); audited.
 */
export async function exportMembers(
  deps: { db: Db; audit: AuditService; members: ClubMemberService },
  ctx: RequestContext,
  filter: Omit<Filter, 'before' | 'limit'>,
) {
  assertPermission(ctx.principal, 'club.manage');
  const first = await deps.members.list(ctx, { ...filter, limit: BATCH });
  await deps.audit.record(deps.db, ctx, {
    action: 'club_member.export',
    entityType: 'club_member',
    entityId: null,
    orgPath: ctx.principal.orgPath,
    after: { filter },
  });
  const tiers = new Map((await deps.members.tiers()).map((t) => [t.id, `${t.nameZh} ${t.nameEn}`]));
  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet('会员 Members');
  sheet.columns = [
    { header: '会员卡 Card', key: 'card', width: 14 },
    { header: '姓名 Name', key: 'name', width: 16 },
    { header: '类别 Class', key: 'class', width: 22 },
    { header: '等级 Tier', key: 'tier', width: 24 },
    { header: '积分 Balance', key: 'balance', width: 12 },
    { header: '累计积分 Lifetime', key: 'lifetime', width: 16 },
    { header: '入会 Joined', key: 'joined', width: 22 },
  ];
  void (async () => {
    try {
      let rows = first;
      for (let written = 0; written < MAX_ROWS; written += BATCH) {
        for (const m of await deps.members.named(rows)) {
          sheet
            .addRow({
              card: m.cardNo,
              name: m.customerName,
              class: `${CLASS_ZH[m.class as MemberClass] ?? m.class} ${m.class}`,
              tier: m.tierId ? (tiers.get(m.tierId) ?? '') : '',
              balance: m.balance,
              lifetime: m.lifetimePoints,
              joined: m.joinedAt.toISOString(),
            })
            .commit();
        }
        const last = rows[rows.length - 1];
        if (rows.length < BATCH || !last) break;
        rows = await deps.members.list(ctx, {
          ...filter,
          before: { joinedAt: last.joinedAt, id: last.id },
          limit: BATCH,
        });
      }
      await workbook.commit();
    } catch (err) {
      stream.destroy(err as Error);
    }
  })();
  return stream;
}
