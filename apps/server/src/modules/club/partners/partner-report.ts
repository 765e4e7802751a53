import { PassThrough } from 'node:stream';
import type { PartnerReport } from '@anju/contracts/club-partners';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { PartnerRepository } from './partner.repository.js';
import type { PartnerService } from './partner.service.js';

const DAY_MS = 86_400_000;
const MAX_DAYS = 366;
const CATEGORY_ZH: Record<string, string> = {
  decoration: '装修',
  appliances: '家电',
  furniture: '家具',
  insurance: '保险',
  hospitality: '酒店餐饮',
  cars: '汽车',
  travel: '旅游',
  education: '教育',
  health: '健康',
};

/** The period's bounds: from the start of `from` to the end of `to`, days in Asia/Shanghai. */
function periodOf(from: string, to: string) {
  const start = new Date(`${from}T00:00:00+08:00`);
  const end = new Date(new Date(`${to}T00:00:00+08:00`).getTime() + DAY_MS);
  const days = (end.getTime() - start.getTime()) / DAY_MS;
  if (days < 1 || days > MAX_DAYS) throw new AppError('VALIDATION_FAILED', { field: 'to', maxDays: MAX_DAYS });
  return { start, end };
}

/**
 * Redemption counts per partner and benefit in a period: vouchers claimed, redeemed and expired unused, and the
 * points spent. Club staff see every partner, a partner user only their own; the .xlsx export is audited.
 */
export class PartnerReportService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly partners: PartnerService,
  ) {}

  async report(ctx: RequestContext, q: { from: string; to: string; partnerId?: string }): Promise<PartnerReport> {
    const scope = await this.partners.scopeOf(ctx);
    const { start, end } = periodOf(q.from, q.to);
    const rows = await new PartnerRepository(this.db).report(scope, start, end, this.clock.now(), q.partnerId);
    return {
      from: q.from,
      to: q.to,
      items: rows.map((r) => ({ ...r, category: r.category as PartnerReport['items'][number]['category'] })),
    };
  }

  async export(ctx: RequestContext, q: { from: string; to: string; partnerId?: string }) {
    const report = await this.report(ctx, q);
    await this.audit.record(this.db, ctx, {
      action: 'club_partner.report_export',
      entityType: 'club_partner',
      entityId: q.partnerId ?? null,
      orgPath: ctx.principal.orgPath,
      after: { from: q.from, to: q.to, rows: report.items.length },
    });
    const stream = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('合作商户 Partners');
    sheet.columns = [
      { header: '商户 Partner', key: 'partner', width: 24 },
      { header: '类别 Category', key: 'category', width: 16 },
      { header: '权益 Benefit', key: 'benefit', width: 30 },
      { header: '领取 Claimed', key: 'claimed', width: 12 },
      { header: '核销 Redeemed', key: 'redeemed', width: 12 },
      { header: '过期 Expired', key: 'expired', width: 12 },
      { header: '积分 Points', key: 'points', width: 12 },
    ];
    sheet.addRow({ partner: `期间 Period ${q.from} – ${q.to}` }).commit();
    for (const r of report.items) {
      sheet
        .addRow({
          partner: r.partnerName,
          category: `${CATEGORY_ZH[r.category] ?? r.category} ${r.category}`,
          benefit: r.benefitTitle,
          claimed: r.claimed,
          redeemed: r.redeemed,
          expired: r.expired,
          points: r.points,
        })
        .commit();
    }
    void workbook.commit().catch((err: Error) => stream.destroy(err));
    return stream;
  }
}
