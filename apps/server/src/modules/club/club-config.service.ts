import type { EarnRuleCode, updateClubSettingsBody, upsertTierBody } from '@anju/contracts/club';
import type { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, isRootPath } from '../../platform/rbac/scope.js';
import { ClubRepository } from './club.repository.js';
import { wholePoints } from './club-rules.js';

/** The club is the group's: its own settings, partners and magazine change only by club managers placed at the group. */
export function assertGroupClubManager(ctx: RequestContext, reason: string) {
  assertPermission(ctx.principal, 'club.manage');
  if (!isRootPath(ctx.principal.orgPath)) throw new AppError('FORBIDDEN', { reason });
}

/**
 * The club's own settings, tiers and earn rules: one club per group, so they are read by anyone who reads the club
 * and changed only by club managers placed at the group.
 */
export class ClubConfigService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private assertGroupManager(ctx: RequestContext) {
    assertGroupClubManager(ctx, 'group club settings');
  }

  async settings(ctx: RequestContext) {
    assertPermission(ctx.principal, 'club.read');
    const row = await new ClubRepository(this.db).settings();
    if (!row) throw new AppError('INTERNAL');
    return row;
  }

  async updateSettings(ctx: RequestContext, body: z.output<typeof updateClubSettingsBody>) {
    this.assertGroupManager(ctx);
    return this.db.transaction(async (tx) => {
      const repo = new ClubRepository(tx);
      const before = await repo.settings();
      if (!before) throw new AppError('INTERNAL');
      const row = await repo.updateSettings(
        {
          name: body.name,
          approvalThreshold: body.approvalThreshold,
          expiryYears: body.expiryYears === undefined ? before.expiryYears : body.expiryYears,
          referralDiscountNote:
            body.referralDiscountNote === undefined ? before.referralDiscountNote : body.referralDiscountNote,
        },
        body.version,
        ctx.principal.userId,
        this.clock.now(),
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'club.settings',
        entityType: 'club',
        entityId: null,
        orgPath: ctx.principal.orgPath,
        before: settingsView(before),
        after: settingsView(row),
      });
      return row;
    });
  }

  listTiers(ctx: RequestContext) {
    assertPermission(ctx.principal, 'club.read');
    return new ClubRepository(this.db).tiers();
  }

  /** Creates a tier (no version) or changes it (the version read); members are re-judged as their points move. */
  async upsertTier(ctx: RequestContext, code: string, body: z.output<typeof upsertTierBody>) {
    this.assertGroupManager(ctx);
    if (body.minPoints !== null) wholePoints(body.minPoints, { allowZero: true });
    const values = {
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      rank: body.rank,
      classes: [...new Set(body.classes)],
      minPoints: body.minPoints,
      priorityBooking: body.priorityBooking,
      purchaseDiscount: body.purchaseDiscount,
      ...(body.charterZh !== undefined && { charterZh: body.charterZh }),
      ...(body.charterEn !== undefined && { charterEn: body.charterEn }),
      active: body.active,
    };
    return this.db.transaction(async (tx) => {
      const repo = new ClubRepository(tx);
      const before = await repo.tierByCode(code);
      const now = this.clock.now();
      let row: Awaited<ReturnType<ClubRepository['tierByCode']>>;
      if (!before) {
        if (body.version !== undefined) throw new AppError('CLUB_TIER_NOT_FOUND');
        row = await repo.insertTier({ code, ...values, updatedAt: now });
      } else {
        if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
        row = await repo.updateTier(code, body.version, values, now);
      }
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'club_tier.upsert',
        entityType: 'club_tier',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        before: before ? { code, ...tierView(before) } : null,
        after: { code, ...tierView(row) },
      });
      return { row, created: !before };
    });
  }

  listEarnRules(ctx: RequestContext) {
    assertPermission(ctx.principal, 'club.read');
    return new ClubRepository(this.db).earnRules();
  }

  async upsertEarnRule(
    ctx: RequestContext,
    code: EarnRuleCode,
    body: { points: number; active: boolean; version: number },
  ) {
    this.assertGroupManager(ctx);
    const points = wholePoints(body.points, { allowZero: true });
    return this.db.transaction(async (tx) => {
      const repo = new ClubRepository(tx);
      const before = await repo.earnRule(code);
      const row = await repo.updateEarnRule(code, body.version, { points, active: body.active }, this.clock.now());
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'club_earn_rule.upsert',
        entityType: 'club_earn_rule',
        entityId: null,
        orgPath: ctx.principal.orgPath,
        before: before ? { code, points: before.points, active: before.active } : null,
        after: { code, points, active: body.active },
      });
      return row;
    });
  }
}

const settingsView = (s: {
  name: string;
  approvalThreshold: number;
  expiryYears: number | null;
  referralDiscountNote: string | null;
}) => ({
  name: s.name,
  approvalThreshold: s.approvalThreshold,
  expiryYears: s.expiryYears,
  referralDiscountNote: s.referralDiscountNote,
});

const tierView = (t: { rank: number; classes: string[]; minPoints: number | null; active: boolean }) => ({
  rank: t.rank,
  classes: t.classes,
  minPoints: t.minPoints,
  active: t.active,
});
