import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** The partner alliance (江山会) of the owners' club: partners, benefits, vouchers ('@anju/contracts/club-partners'). */

export const PARTNER_CATEGORIES = [
  'decoration',
  'appliances',
  'furniture',
  'insurance',
  'hospitality',
  'cars',
  'travel',
  'education',
  'health',
] as const;
export type PartnerCategory = (typeof PARTNER_CATEGORIES)[number];
/** `expired` is never stored: an issued voucher past its `expiresAt` reads as expired. */
export const VOUCHER_STATUSES = ['issued', 'redeemed', 'expired'] as const;
export type VoucherStatus = (typeof VOUCHER_STATUSES)[number];

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);
/** A voucher code as printed: 10 letters and digits of an unambiguous alphabet (case and spaces forgiven). */
export const voucherCode = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{10}$/));

export const partner = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(PARTNER_CATEGORIES),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  benefitCount: z.number().int(),
  version: z.number().int(),
});
export type Partner = z.infer<typeof partner>;
export const listPartnersQuery = pageQuery.extend({
  category: z.enum(PARTNER_CATEGORIES).optional(),
  active: z.enum(['true', 'false']).optional(),
});
/** Creates a partner (no id, no version) or changes one (id and the version read). */
export const upsertPartnerBody = z.object({
  id: z.uuid().optional(),
  name: text(60),
  category: z.enum(PARTNER_CATEGORIES),
  contactName: text(40).nullable().default(null),
  contactPhone: z.string().trim().max(30).nullable().default(null),
  address: text(120).nullable().default(null),
  description: text(500).nullable().default(null),
  active: z.boolean().default(true),
  version: version.optional(),
});

export const partnerUser = z.object({ userId: z.string(), username: z.string(), displayName: z.string() });
export const partnerDetail = partner.extend({ users: z.array(partnerUser) });
export const linkPartnerUserBody = z.object({ userId: z.uuid() });
export const partnerUserParams = z.object({ id: z.uuid(), userId: z.uuid() });

export const benefit = z.object({
  id: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  category: z.enum(PARTNER_CATEGORIES),
  title: z.string(),
  /** The offer as the club words it (e.g. "全屋定制 9 折"). */
  discountText: z.string(),
  /** Tier codes that may claim (empty: every tier). */
  tiers: z.array(z.string()),
  validFrom: isoDate,
  validTo: isoDate,
  /** Vouchers that may be claimed in all (null: no limit). */
  quota: z.number().int().nullable(),
  claimed: z.number().int(),
  /** What is left of the quota (null: no limit). */
  remaining: z.number().int().nullable(),
  /** Points a claim costs (0: free). */
  pointsPrice: z.number().int(),
  /** Days a voucher stays valid after it is claimed. */
  voucherDays: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Benefit = z.infer<typeof benefit>;
export const listBenefitsQuery = pageQuery.extend({
  partnerId: z.uuid().optional(),
  category: z.enum(PARTNER_CATEGORIES).optional(),
  active: z.enum(['true', 'false']).optional(),
});
/** Creates a benefit (no id, no version) or changes one (id and the version read). */
export const upsertBenefitBody = z.object({
  id: z.uuid().optional(),
  partnerId: z.uuid(),
  title: text(60),
  discountText: text(200),
  tiers: z
    .array(z.string().regex(/^[a-z][a-z0-9_]{1,31}$/))
    .max(20)
    .default([]),
  validFrom: isoDate,
  validTo: isoDate,
  quota: z.number().int().min(0).max(1_000_000).nullable().default(null),
  /** A whole, non-negative number of points (else 400 CLUB_POINTS_INVALID). */
  pointsPrice: z.number().default(0),
  voucherDays: z.number().int().min(1).max(3650).default(30),
  active: z.boolean().default(true),
  version: version.optional(),
});

export const voucher = z.object({
  id: z.string(),
  code: z.string(),
  benefitId: z.string(),
  benefitTitle: z.string(),
  discountText: z.string(),
  partnerId: z.string(),
  partnerName: z.string(),
  memberId: z.string(),
  cardNo: z.string(),
  /** The member's name (staff and partner users; partners see it to greet the customer). */
  customerName: z.string(),
  status: z.enum(VOUCHER_STATUSES),
  points: z.number().int(),
  issuedAt: isoDateTime,
  expiresAt: isoDateTime,
  redeemedAt: isoDateTime.nullable(),
  channel: z.enum(['portal', 'staff']),
});
export type Voucher = z.infer<typeof voucher>;
export const voucherList = z.object({ items: z.array(voucher), nextCursor: z.string().nullable() });
export const listVouchersQuery = pageQuery.extend({
  partnerId: z.uuid().optional(),
  benefitId: z.uuid().optional(),
  memberId: z.uuid().optional(),
  status: z.enum(VOUCHER_STATUSES).optional(),
  code: z.string().max(20).optional(),
});
export const claimForMemberBody = z.object({ memberId: z.uuid() });
export const verifyVoucherBody = z.object({ code: voucherCode });

export const partnerReportQuery = z.object({
  from: isoDate,
  to: isoDate,
  partnerId: z.uuid().optional(),
});
export const partnerReportRow = z.object({
  partnerId: z.string(),
  partnerName: z.string(),
  category: z.enum(PARTNER_CATEGORIES),
  benefitId: z.string(),
  benefitTitle: z.string(),
  claimed: z.number().int(),
  redeemed: z.number().int(),
  expired: z.number().int(),
  points: z.number().int(),
});
export const partnerReport = z.object({ from: isoDate, to: isoDate, items: z.array(partnerReportRow) });
export type PartnerReport = z.infer<typeof partnerReport>;

/** A benefit as an owner sees it in the portal: whether they may claim it now and their voucher if they did. */
export const myBenefit = z.object({
  id: z.string(),
  partnerName: z.string(),
  category: z.enum(PARTNER_CATEGORIES),
  title: z.string(),
  discountText: z.string(),
  validTo: isoDate,
  pointsPrice: z.number().int(),
  remaining: z.number().int().nullable(),
  voucherDays: z.number().int(),
  claimed: z.boolean(),
});
export const myBenefits = z.object({
  /** Null when the person is not an active club member. */
  member: z.object({ cardNo: z.string(), balance: z.number().int(), tierCode: z.string().nullable() }).nullable(),
  items: z.array(myBenefit),
});
export type MyBenefits = z.infer<typeof myBenefits>;
export const myVoucher = voucher.pick({
  id: true,
  code: true,
  benefitTitle: true,
  discountText: true,
  partnerName: true,
  status: true,
  points: true,
  issuedAt: true,
  expiresAt: true,
  redeemedAt: true,
});
export type MyVoucher = z.infer<typeof myVoucher>;
export const myVouchers = z.object({ items: z.array(myVoucher) });
