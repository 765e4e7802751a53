import { randomInt } from 'node:crypto';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import { type Actor, actorOf, type RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { IdempotencyService } from '../../../platform/idempotency/idempotency.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import { ClubRepository } from '../club.repository.js';
import type { ClubMemberRow } from '../club.tables.js';
import type { ClubMemberService } from '../member.service.js';
import type { PointsService } from '../points.service.js';
import { PartnerRepository, type VoucherFilter, type VoucherScope, type VoucherView } from './partner.repository.js';
import type { PartnerService } from './partner.service.js';
import type { ClubBenefitRow, ClubVoucherRow } from './partner.tables.js';

/** Letters and digits that cannot be mistaken for one another when read out or typed (no 0/O, 1/I/L). */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 10;
const DAY_MS = 86_400_000;
/** Vouchers an owner sees in the portal at most (one per benefit, so this is generous). */
const MY_LIMIT = 100;

export const newVoucherCode = () =>
  Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** A voucher's status as read now: an issued voucher past its expiry is expired (never stored). */
export const voucherStatus = (v: Pick<ClubVoucherRow, 'status' | 'expiresAt'>, now: Date) =>
  v.status === 'issued' && v.expiresAt <= now ? 'expired' : (v.status as 'issued' | 'redeemed');

/**
 * Vouchers: a member claims a benefit (the quota taken by one conditional update, the points redeemed and the
 * voucher inserted in one transaction); the partner verifies the code once (a conditional update on `issued`).
 */
export class VoucherService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly members: ClubMemberService,
    private readonly points: PointsService,
    private readonly partners: PartnerService,
    private readonly namesOf: (customerIds: string[]) => Promise<Map<string, string>>,
    private readonly idempotency: IdempotencyService,
  ) {}

  now() {
    return this.clock.now();
  }

  /** Staff claim a benefit for a member they see (e.g. at the sales office). */
  async claimForMember(ctx: RequestContext, benefitId: string, memberId: string) {
    assertPermission(ctx.principal, 'club.manage');
    return this.db.transaction(async (tx) => {
      const member = await this.members.get(ctx, memberId, tx);
      return this.claim(tx, ctx, member, benefitId, 'staff');
    });
  }

  /**
   * An owner claims a benefit for themselves in the portal. With an Idempotency-Key, a retried request answers the
   * voucher the first one made instead of 409 CLUB_BENEFIT_ALREADY_CLAIMED.
   */
  async claimMine(ctx: RequestContext, benefitId: string, idempotencyKey?: string) {
    const customerId = ctx.principal.customerId;
    if (ctx.principal.actor !== 'owner' || !customerId) throw new AppError('FORBIDDEN');
    // keys are per person: owners share the portal's principal kind
    const k = this.idempotency.of(ctx.principal, `club_voucher:${customerId}`, idempotencyKey, { benefitId });
    return this.idempotency.run(
      k,
      () =>
        this.db.transaction(async (tx) => {
          const member = await new ClubRepository(tx).memberOfCustomer(customerId);
          if (!member) throw new AppError('CLUB_MEMBER_NOT_FOUND');
          const view = await this.claim(tx, ctx, member, benefitId, 'portal');
          if (k) await this.idempotency.record(tx, k, view.id);
          return view;
        }),
      async (id) => (await new PartnerRepository(this.db).voucherViews([id]))[0] as VoucherView,
    );
  }

  private async claim(
    tx: Executor,
    ctx: RequestContext,
    member: ClubMemberRow,
    benefitId: string,
    channel: 'portal' | 'staff',
  ) {
    const repo = new PartnerRepository(tx);
    const benefit = await repo.benefit(benefitId);
    if (!benefit) throw new AppError('CLUB_BENEFIT_NOT_FOUND');
    const partner = await repo.partner(benefit.partnerId);
    if (member.status !== 'active') throw new AppError('CLUB_MEMBER_LEFT');
    const now = this.clock.now();
    const unavailable = whyUnavailable(benefit, partner?.active ?? false, chinaDate(now));
    if (unavailable) throw new AppError('CLUB_BENEFIT_UNAVAILABLE', { reason: unavailable });
    const tier = (await new ClubRepository(tx).tiers()).find((t) => t.id === member.tierId);
    if (benefit.tiers.length > 0 && !(tier && benefit.tiers.includes(tier.code)))
      throw new AppError('CLUB_BENEFIT_TIER_INELIGIBLE', { tier: tier?.code ?? null });
    if (await repo.voucherOf(benefit.id, member.id)) throw new AppError('CLUB_BENEFIT_ALREADY_CLAIMED');
    if (!(await repo.takeQuota(benefit.id))) throw new AppError('CLUB_BENEFIT_QUOTA_EXHAUSTED');
    let voucher: ClubVoucherRow | null = null;
    for (let attempt = 0; attempt < 8 && !voucher; attempt++) {
      voucher = await repo.insertVoucher({
        code: newVoucherCode(),
        benefitId: benefit.id,
        partnerId: benefit.partnerId,
        memberId: member.id,
        customerId: member.customerId,
        orgPath: member.orgPath,
        points: benefit.pointsPrice,
        channel,
        claimedBy: channel === 'staff' ? ctx.principal.userId : null,
        issuedAt: now,
        expiresAt: new Date(now.getTime() + benefit.voucherDays * DAY_MS),
      });
      // a concurrent claim of the same member won the (benefit, member) key: this one is refused and rolled back
      if (!voucher && (await repo.voucherOf(benefit.id, member.id))) throw new AppError('CLUB_BENEFIT_ALREADY_CLAIMED');
    }
    if (!voucher) throw new AppError('INTERNAL');
    const actor: Actor = actorOf(ctx);
    if (benefit.pointsPrice > 0) {
      await this.points.post(tx, actor, {
        memberId: member.id,
        kind: 'redeem',
        points: -benefit.pointsPrice,
        sourceType: 'benefit',
        sourceId: benefit.id,
        key: `benefit:${voucher.id}`,
      });
    }
    await this.audit.record(tx, ctx, {
      action: 'club_voucher.claim',
      entityType: 'club_voucher',
      entityId: voucher.id,
      orgPath: member.orgPath,
      after: { benefitId: benefit.id, memberId: member.id, points: benefit.pointsPrice, channel },
    });
    const [view] = await repo.voucherViews([voucher.id]);
    return view as VoucherView;
  }

  /** Where the caller sees vouchers: partner users their partners', staff their members' (as members). */
  private async scopeOf(ctx: RequestContext, db: Executor = this.db): Promise<VoucherScope> {
    const p = ctx.principal;
    if (p.actor === 'staff' && p.permissions.has('club.read')) return this.members.scopeOf(ctx, db);
    assertPermission(p, 'club.partner');
    const scope = await this.partners.scopeOf(ctx, db);
    return { partnerIds: scope.partnerIds ?? [] };
  }

  async list(ctx: RequestContext, filter: Omit<VoucherFilter, 'now'>) {
    const rows = await new PartnerRepository(this.db).vouchers(await this.scopeOf(ctx), {
      ...filter,
      now: this.clock.now(),
    });
    return this.named(rows);
  }

  /**
   * A partner user (or a club manager, e.g. on the partner's phone call) redeems a voucher by its code: 404 when
   * the code is unknown or belongs to a partner the caller does not serve (the same answer: nothing leaks), 409
   * when already redeemed, 410 when expired; nothing written then.
   */
  async verify(ctx: RequestContext, code: string) {
    const p = ctx.principal;
    const asPartner = !(p.actor === 'staff' && p.permissions.has('club.manage'));
    if (asPartner) assertPermission(p, 'club.partner');
    const view = await this.db.transaction(async (tx) => {
      const repo = new PartnerRepository(tx);
      const found = await repo.voucherByCode(code);
      if (!found) throw new AppError('CLUB_VOUCHER_NOT_FOUND');
      const scope = asPartner
        ? { partnerIds: (await this.partners.scopeOf(ctx, tx)).partnerIds ?? [] }
        : await this.members.scopeOf(ctx, tx);
      const [visible] = await repo.vouchers(scope, { code, now: this.clock.now(), limit: 1 });
      if (!visible) throw new AppError('CLUB_VOUCHER_NOT_FOUND');
      const now = this.clock.now();
      const redeemed = await repo.redeem(found.id, now, p.userId);
      if (!redeemed) {
        const again = (await repo.voucherByCode(code)) ?? found;
        if (again.status === 'redeemed')
          throw new AppError('CLUB_VOUCHER_USED', { redeemedAt: again.redeemedAt?.toISOString() ?? null });
        throw new AppError('CLUB_VOUCHER_EXPIRED', { expiresAt: again.expiresAt.toISOString() });
      }
      await this.audit.record(tx, ctx, {
        action: 'club_voucher.redeem',
        entityType: 'club_voucher',
        entityId: found.id,
        orgPath: found.orgPath,
        before: { status: 'issued' },
        after: { status: 'redeemed', code, partnerId: found.partnerId, via: asPartner ? 'partner' : 'staff' },
      });
      const [row] = await repo.voucherViews([found.id]);
      return row as VoucherView;
    });
    return (await this.named([view]))[0] as VoucherView & { customerName: string };
  }

  /** The owner's benefits: the ones their tier may claim now, with the points price and what is left. */
  async myBenefits(customerId: string) {
    const repo = new PartnerRepository(this.db);
    const member = await new ClubRepository(this.db).memberOfCustomer(customerId);
    if (member?.status !== 'active') return { member: null, items: [] };
    const tier = (await this.members.tiers()).find((t) => t.id === member.tierId) ?? null;
    const rows = await repo.claimable(chinaDate(this.clock.now()), 200);
    const claimed = await repo.benefitIdsClaimedBy(member.id);
    const items = rows.filter((b) => b.tiers.length === 0 || (tier !== null && b.tiers.includes(tier.code)));
    return {
      member: { cardNo: member.cardNo, balance: member.balance, tierCode: tier?.code ?? null },
      items: items.map((b) => ({ ...b, claimedByMe: claimed.has(b.id) })),
    };
  }

  async myVouchers(customerId: string) {
    return new PartnerRepository(this.db).vouchersOfCustomer(customerId, MY_LIMIT);
  }

  /** Vouchers with their member's name (read through the customers module). */
  async named(rows: VoucherView[]) {
    const names = await this.namesOf([...new Set(rows.map((r) => r.customerId))]);
    return rows.map((r) => ({ ...r, customerName: names.get(r.customerId) ?? '' }));
  }
}

/** Why a benefit cannot be claimed today (Asia/Shanghai date), or null. */
export function whyUnavailable(b: ClubBenefitRow, partnerActive: boolean, today: string) {
  if (!b.active || !partnerActive) return 'inactive';
  if (today < b.validFrom) return 'not_started';
  if (today > b.validTo) return 'ended';
  return null;
}
