import type { ContributionRow, MagazineIssueRow, MagazineSubscriptionRow } from './magazine.tables.js';

export const presentIssue = (row: MagazineIssueRow, recipients?: Record<string, number>) => ({
  id: row.id,
  title: row.title,
  period: row.period,
  status: row.status as 'draft' | 'published',
  pages: row.pages,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  ...(recipients ? { recipients } : {}),
  version: row.version,
});

export const presentSubscription = (row: MagazineSubscriptionRow | null) =>
  row
    ? {
        delivery: row.delivery as 'hand',
        address: row.address,
        email: row.email,
        active: row.active,
      }
    : null;

export const presentContribution = (row: ContributionRow & { customerName: string; issueTitle: string | null }) => ({
  id: row.id,
  customerId: row.customerId,
  customerName: row.customerName,
  title: row.title,
  body: row.body,
  status: row.status as 'received',
  issueId: row.issueId,
  issueTitle: row.issueTitle,
  submittedAt: row.submittedAt.toISOString(),
  decidedAt: row.decidedAt?.toISOString() ?? null,
  version: row.version,
});

/** An address on screen: the district part only (the export for the print shop, audited, has it in full). */
export const maskAddress = (address: string) => (address.length <= 6 ? '****' : `${address.slice(0, 6)}****`);
