import type { Member, Tier } from '@anju/contracts/club';
import type { ClubLedgerRow, ClubMemberRow, ClubTierRow } from './club.tables.js';

type Named = { customerName: string };

export const presentTier = (t: ClubTierRow): Tier => ({
  code: t.code,
  nameZh: t.nameZh,
  nameEn: t.nameEn,
  rank: t.rank,
  classes: t.classes as Tier['classes'],
  minPoints: t.minPoints,
  priorityBooking: t.priorityBooking,
  purchaseDiscount: t.purchaseDiscount,
  charterZh: t.charterZh,
  charterEn: t.charterEn,
  active: t.active,
  version: t.version,
});

/** Row → API shape; the tier by id from the tiers read once per request. */
export const presentMember = (m: ClubMemberRow & Named, tiers: ClubTierRow[]): Member => {
  const tier = tiers.find((t) => t.id === m.tierId) ?? null;
  return {
    id: m.id,
    customerId: m.customerId,
    customerName: m.customerName,
    cardNo: m.cardNo,
    class: m.class as Member['class'],
    status: m.status as Member['status'],
    tier: tier ? { code: tier.code, nameZh: tier.nameZh, nameEn: tier.nameEn } : null,
    balance: m.balance,
    lifetimePoints: m.lifetimePoints,
    projectId: m.projectId,
    channel: m.channel,
    joinedAt: m.joinedAt.toISOString(),
    version: m.version,
  };
};

export const presentBenefits = (m: ClubMemberRow, tiers: ClubTierRow[]) => {
  const tier = tiers.find((t) => t.id === m.tierId);
  return { priorityBooking: tier?.priorityBooking ?? false, purchaseDiscount: tier?.purchaseDiscount ?? false };
};

export const presentEntry = (e: ClubLedgerRow) => ({
  id: String(e.id),
  kind: e.kind as 'earn',
  points: e.points,
  balanceAfter: e.balanceAfter,
  sourceType: e.sourceType,
  sourceId: e.sourceId,
  reason: e.reason,
  reverses: e.reversesId === null ? null : String(e.reversesId),
  at: e.at.toISOString(),
});
