import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** The club magazine: issues, the mailing list and owners' contributions ('@anju/contracts/club-magazine'). */

export const MAGAZINE_STATUSES = ['draft', 'published'] as const;
/** How an issue reaches a member: by hand (at the sales office or club), by post, by e-mail, in the portal. */
export const MAGAZINE_DELIVERIES = ['hand', 'post', 'email', 'portal'] as const;
export type MagazineDelivery = (typeof MAGAZINE_DELIVERIES)[number];
export const CONTRIBUTION_STATUSES = ['received', 'accepted', 'published', 'declined'] as const;
export type ContributionStatus = (typeof CONTRIBUTION_STATUSES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);

export const magazinePage = z.object({ title: text(100), body: text(20_000) });

export const magazineIssue = z.object({
  id: z.string(),
  title: z.string(),
  period: z.string(),
  status: z.enum(MAGAZINE_STATUSES),
  pages: z.array(z.object({ title: z.string(), body: z.string() })),
  publishedAt: isoDateTime.nullable(),
  /** Active members on the mailing list by delivery (staff views only). */
  recipients: z.partialRecord(z.enum(MAGAZINE_DELIVERIES), z.number().int()).optional(),
  version: z.number().int(),
});
export type MagazineIssue = z.infer<typeof magazineIssue>;
export const magazineIssueList = z.object({ items: z.array(magazineIssue), nextCursor: z.string().nullable() });
export const listMagazineIssuesQuery = pageQuery.extend({ status: z.enum(MAGAZINE_STATUSES).optional() });

/** A new issue (no version) or a change (the version read); `status: 'published'` publishes it (once). */
export const upsertMagazineIssueBody = z.object({
  title: text(100),
  period: text(40),
  pages: z.array(magazinePage).max(60),
  status: z.enum(MAGAZINE_STATUSES).default('draft'),
  version: version.optional(),
});

export const magazineRecipient = z.object({
  memberId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  delivery: z.enum(MAGAZINE_DELIVERIES),
  address: z.string().nullable(),
});
export const magazineRecipientList = z.object({ items: z.array(magazineRecipient), nextCursor: z.string().nullable() });
export const listRecipientsQuery = pageQuery.extend({ delivery: z.enum(MAGAZINE_DELIVERIES).optional() });

export const magazineSubscription = z.object({
  delivery: z.enum(MAGAZINE_DELIVERIES),
  address: z.string().nullable(),
  email: z.string().nullable(),
  active: z.boolean(),
});
/** Post needs an address, e-mail an address to send to; `active: false` leaves the list. */
export const setSubscriptionBody = z
  .object({
    delivery: z.enum(MAGAZINE_DELIVERIES),
    address: text(200).nullable().optional(),
    email: z.email().max(120).nullable().optional(),
    active: z.boolean().default(true),
  })
  .superRefine((b, ctx) => {
    if (b.delivery === 'post' && !b.address) ctx.addIssue({ code: 'custom', path: ['address'], message: 'required' });
    if (b.delivery === 'email' && !b.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'required' });
  });

export const contribution = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  title: z.string(),
  body: z.string(),
  status: z.enum(CONTRIBUTION_STATUSES),
  issueId: z.string().nullable(),
  issueTitle: z.string().nullable(),
  submittedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  version: z.number().int(),
});
export const contributionList = z.object({ items: z.array(contribution), nextCursor: z.string().nullable() });
export const listContributionsQuery = pageQuery.extend({ status: z.enum(CONTRIBUTION_STATUSES).optional() });
/** The editor's decision: accepted, declined, or published in an issue. */
export const decideContributionBody = z.object({
  status: z.enum(['accepted', 'published', 'declined']),
  issueId: z.uuid().optional(),
  version,
});
export const submitContributionBody = z.object({ title: text(100), body: text(5000) });

/** The portal's magazine: published issues, my place on the mailing list (null: not on it) and my contributions. */
export const myMagazine = z.object({
  member: z.boolean(),
  subscription: magazineSubscription.nullable(),
  issues: z.array(magazineIssue),
  contributions: z.array(contribution.omit({ customerId: true, customerName: true })),
});
export type MyMagazine = z.infer<typeof myMagazine>;
