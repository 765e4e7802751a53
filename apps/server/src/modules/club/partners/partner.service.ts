import type { upsertBenefitBody, upsertPartnerBody } from '@anju/contracts/club-partners';
import type { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { assertPermission, isRootPath } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { wholePoints } from '../club-rules.js';
import { PartnerRepository, type PartnerScope } from './partner.repository.js';
import type { ClubBenefitRow, ClubPartnerRow } from './partner.tables.js';

type Page = { after?: { at: Date; id: string }; limit: number };

/** The role a user needs to be linked to a partner. */
export const PARTNER_ROLE = 'partner';

/**
 * Partners and their benefits, the group's: read by club staff (`club.read`) and by partner users (`club.partner`,
 * only the partners they are linked to), changed by club managers placed at the group.
 */
export class PartnerService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  private assertGroupManager(ctx: RequestContext) {
    assertPermission(ctx.principal, 'club.manage');
    if (!isRootPath(ctx.principal.orgPath)) throw new AppError('FORBIDDEN', { reason: 'group club partners' });
  }

  /** Club staff see every partner; a partner user only the partners they are linked to; anyone else nothing. */
  async scopeOf(ctx: RequestContext, db: Executor = this.db): Promise<PartnerScope> {
    const p = ctx.principal;
    if (p.actor === 'staff' && p.permissions.has('club.read')) return { partnerIds: null };
    assertPermission(p, 'club.partner');
    return { partnerIds: await new PartnerRepository(db).partnerIdsOf(p.userId) };
  }

  async list(ctx: RequestContext, filter: { category?: string; active?: boolean } & Page) {
    const repo = new PartnerRepository(this.db);
    const rows = await repo.partners(await this.scopeOf(ctx), filter);
    const counts = await repo.benefitCounts(rows.map((r) => r.id));
    return rows.map((r) => ({ ...r, benefitCount: counts.get(r.id) ?? 0 }));
  }

  /** A partner the caller sees (404 otherwise, also for a partner user asking about another partner). */
  async get(ctx: RequestContext, id: string, db: Executor = this.db) {
    const scope = await this.scopeOf(ctx, db);
    const row = await new PartnerRepository(db).partner(id);
    if (!row || (scope.partnerIds && !scope.partnerIds.includes(id))) throw new AppError('CLUB_PARTNER_NOT_FOUND');
    return row;
  }

  async detail(ctx: RequestContext, id: string) {
    const row = await this.get(ctx, id);
    const repo = new PartnerRepository(this.db);
    const counts = await repo.benefitCounts([id]);
    const links = await repo.usersOfPartner(id);
    const users = await this.directory.users(links.map((l) => l.userId));
    return {
      ...row,
      benefitCount: counts.get(id) ?? 0,
      users: users.map((u) => ({ userId: u.id, username: u.username, displayName: u.displayName })),
    };
  }

  async upsert(ctx: RequestContext, body: z.output<typeof upsertPartnerBody>) {
    this.assertGroupManager(ctx);
    const values = {
      name: body.name,
      category: body.category,
      contactName: body.contactName,
      contactPhone: body.contactPhone || null,
      address: body.address,
      description: body.description,
      active: body.active,
    };
    return this.db.transaction(async (tx) => {
      const repo = new PartnerRepository(tx);
      const now = this.clock.now();
      const before = body.id ? await repo.partner(body.id) : null;
      if (body.id && !before) throw new AppError('CLUB_PARTNER_NOT_FOUND');
      let row: ClubPartnerRow | null;
      if (!before) {
        if (body.version !== undefined) throw new AppError('CLUB_PARTNER_NOT_FOUND');
        row = await repo.insertPartner({ ...values, createdAt: now, updatedAt: now });
      } else {
        if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
        row = await repo.updatePartner(before.id, body.version, { ...values, updatedAt: now });
      }
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'club_partner.upsert',
        entityType: 'club_partner',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        before: before ? partnerView(before) : null,
        after: partnerView(row),
      });
      return { row, created: !before };
    });
  }

  /** Links an active user holding the partner role to a partner (linking twice changes nothing). */
  async link(ctx: RequestContext, partnerId: string, userId: string) {
    this.assertGroupManager(ctx);
    return this.db.transaction(async (tx) => {
      const partner = await new PartnerRepository(tx).partner(partnerId);
      if (!partner) throw new AppError('CLUB_PARTNER_NOT_FOUND');
      const [user] = await this.directory.with(tx).users([userId]);
      if (!user?.roles.includes(PARTNER_ROLE)) throw new AppError('CLUB_PARTNER_USER_INVALID');
      const linked = await new PartnerRepository(tx).link({
        partnerId,
        userId,
        linkedBy: ctx.principal.userId,
        linkedAt: this.clock.now(),
      });
      if (linked) {
        await this.audit.record(tx, ctx, {
          action: 'club_partner.link',
          entityType: 'club_partner',
          entityId: partnerId,
          orgPath: ctx.principal.orgPath,
          after: { userId, username: user.username },
        });
      }
    });
  }

  async unlink(ctx: RequestContext, partnerId: string, userId: string) {
    this.assertGroupManager(ctx);
    return this.db.transaction(async (tx) => {
      if (!(await new PartnerRepository(tx).partner(partnerId))) throw new AppError('CLUB_PARTNER_NOT_FOUND');
      if (!(await new PartnerRepository(tx).unlink(partnerId, userId))) return;
      await this.audit.record(tx, ctx, {
        action: 'club_partner.unlink',
        entityType: 'club_partner',
        entityId: partnerId,
        orgPath: ctx.principal.orgPath,
        before: { userId },
      });
    });
  }

  /** Users holding the partner role (the partner drawer offers them for linking). */
  async candidates(ctx: RequestContext) {
    this.assertGroupManager(ctx);
    const root = ctx.principal.orgPath;
    return (await this.directory.usersWithRoles(root, [PARTNER_ROLE])).slice(0, 500);
  }

  async benefits(ctx: RequestContext, filter: { partnerId?: string; category?: string; active?: boolean } & Page) {
    return new PartnerRepository(this.db).benefits(await this.scopeOf(ctx), filter);
  }

  /** Creates (no id) or changes (id and version) a benefit; the quota may not drop below what is claimed. */
  async upsertBenefit(ctx: RequestContext, body: z.output<typeof upsertBenefitBody>) {
    this.assertGroupManager(ctx);
    const pointsPrice = wholePoints(body.pointsPrice, { allowZero: true });
    if (body.validTo < body.validFrom) throw new AppError('CLUB_BENEFIT_INVALID', { field: 'validTo' });
    const values = {
      partnerId: body.partnerId,
      title: body.title,
      discountText: body.discountText,
      tiers: [...new Set(body.tiers)],
      validFrom: body.validFrom,
      validTo: body.validTo,
      quota: body.quota,
      pointsPrice,
      voucherDays: body.voucherDays,
      active: body.active,
    };
    return this.db.transaction(async (tx) => {
      const repo = new PartnerRepository(tx);
      if (!(await repo.partner(body.partnerId))) throw new AppError('CLUB_PARTNER_NOT_FOUND');
      const now = this.clock.now();
      const before = body.id ? await repo.benefit(body.id) : null;
      if (body.id && !before) throw new AppError('CLUB_BENEFIT_NOT_FOUND');
      let row: ClubBenefitRow | null;
      if (!before) {
        if (body.version !== undefined) throw new AppError('CLUB_BENEFIT_NOT_FOUND');
        row = await repo.insertBenefit({ ...values, createdAt: now, updatedAt: now });
      } else {
        if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
        if (before.partnerId !== body.partnerId) throw new AppError('CLUB_BENEFIT_INVALID', { field: 'partnerId' });
        if (body.quota !== null && body.quota < before.claimed)
          throw new AppError('CLUB_BENEFIT_INVALID', { field: 'quota', claimed: before.claimed });
        row = await repo.updateBenefit(before.id, body.version, { ...values, updatedAt: now });
      }
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'club_benefit.upsert',
        entityType: 'club_benefit',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        before: before ? benefitView(before) : null,
        after: benefitView(row),
      });
      return { row, created: !before };
    });
  }

  /** A partner with the number of its benefits (for one answer). */
  async counted(row: ClubPartnerRow) {
    const counts = await new PartnerRepository(this.db).benefitCounts([row.id]);
    return { ...row, benefitCount: counts.get(row.id) ?? 0 };
  }

  /** A benefit with its partner's name and category (for one answer). */
  async benefitNamed(row: ClubBenefitRow) {
    const partner = await new PartnerRepository(this.db).partner(row.partnerId);
    return { ...row, partnerName: partner?.name ?? '', category: partner?.category ?? 'decoration' };
  }
}

const partnerView = (p: ClubPartnerRow) => ({ name: p.name, category: p.category, active: p.active });
const benefitView = (b: ClubBenefitRow) => ({
  partnerId: b.partnerId,
  title: b.title,
  tiers: b.tiers,
  validFrom: b.validFrom,
  validTo: b.validTo,
  quota: b.quota,
  pointsPrice: b.pointsPrice,
  voucherDays: b.voucherDays,
  active: b.active,
});
