import type { Benefit, MyVoucher, Partner, PartnerCategory, Voucher } from '@anju/contracts/club-partners';
import type { VoucherView } from './partner.repository.js';
import type { ClubBenefitRow, ClubPartnerRow } from './partner.tables.js';
import { voucherStatus } from './voucher.service.js';

export const presentPartner = (p: ClubPartnerRow & { benefitCount: number }): Partner => ({
  id: p.id,
  name: p.name,
  category: p.category as PartnerCategory,
  contactName: p.contactName,
  contactPhone: p.contactPhone,
  address: p.address,
  description: p.description,
  active: p.active,
  benefitCount: p.benefitCount,
  version: p.version,
});

export const presentBenefit = (b: ClubBenefitRow & { partnerName: string; category: string }): Benefit => ({
  id: b.id,
  partnerId: b.partnerId,
  partnerName: b.partnerName,
  category: b.category as PartnerCategory,
  title: b.title,
  discountText: b.discountText,
  tiers: b.tiers,
  validFrom: b.validFrom,
  validTo: b.validTo,
  quota: b.quota,
  claimed: b.claimed,
  remaining: b.quota === null ? null : Math.max(0, b.quota - b.claimed),
  pointsPrice: b.pointsPrice,
  voucherDays: b.voucherDays,
  active: b.active,
  version: b.version,
});

export const presentVoucher = (v: VoucherView & { customerName: string }, now: Date): Voucher => ({
  id: v.id,
  code: v.code,
  benefitId: v.benefitId,
  benefitTitle: v.benefitTitle,
  discountText: v.discountText,
  partnerId: v.partnerId,
  partnerName: v.partnerName,
  memberId: v.memberId,
  cardNo: v.cardNo,
  customerName: v.customerName,
  status: voucherStatus(v, now),
  points: v.points,
  issuedAt: v.issuedAt.toISOString(),
  expiresAt: v.expiresAt.toISOString(),
  redeemedAt: v.redeemedAt?.toISOString() ?? null,
  channel: v.channel as Voucher['channel'],
});

export const presentMyVoucher = (v: VoucherView, now: Date): MyVoucher => ({
  id: v.id,
  code: v.code,
  benefitTitle: v.benefitTitle,
  discountText: v.discountText,
  partnerName: v.partnerName,
  status: voucherStatus(v, now),
  points: v.points,
  issuedAt: v.issuedAt.toISOString(),
  expiresAt: v.expiresAt.toISOString(),
  redeemedAt: v.redeemedAt?.toISOString() ?? null,
});
