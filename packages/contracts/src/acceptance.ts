import { z } from 'zod';
import { isoDateTime, version } from './common.js';
import { ROOMS } from './tickets.js';

/** A blocking finding keeps its batch from delivery while open; a normal one is fixed before or after. */
export const FINDING_SEVERITIES = ['blocking', 'normal'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];
/** open → rectified (the contractor says it is fixed) → verified (staff checked it); a failed check reopens it. */
export const FINDING_STATUSES = ['open', 'rectified', 'verified'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const recordAcceptanceFindingBody = z.object({
  unitId: z.uuid(),
  room: z.enum(ROOMS),
  /** A defect category code (the ticket taxonomy's). */
  categoryCode: z.string().trim().min(1).max(40),
  severity: z.enum(FINDING_SEVERITIES),
  description: z.string().trim().min(1).max(500),
  /** The contractor responsible for the rectification (an org node of type contractor of the company). */
  contractorId: z.uuid().nullable().optional(),
  photoFileIds: z.array(z.uuid()).max(9).default([]),
});
export type RecordAcceptanceFindingBody = z.infer<typeof recordAcceptanceFindingBody>;

export const updateAcceptanceFindingBody = z.object({
  /** rectify: the contractor fixed it; verify: staff checked the fix; reopen: the fix did not hold. */
  action: z.enum(['rectify', 'verify', 'reopen']),
  note: z.string().trim().max(500).nullable().optional(),
  version,
});
export type UpdateAcceptanceFindingBody = z.infer<typeof updateAcceptanceFindingBody>;

export const acceptanceFinding = z.object({
  id: z.uuid(),
  batchId: z.uuid(),
  projectId: z.uuid(),
  unitId: z.uuid(),
  unitCode: z.string(),
  room: z.enum(ROOMS),
  categoryCode: z.string(),
  severity: z.enum(FINDING_SEVERITIES),
  description: z.string(),
  photoFileIds: z.array(z.uuid()),
  contractorId: z.uuid().nullable(),
  contractorName: z.string().nullable(),
  status: z.enum(FINDING_STATUSES),
  rectificationNote: z.string().nullable(),
  rectifiedAt: isoDateTime.nullable(),
  verifiedAt: isoDateTime.nullable(),
  /** When the rectification is due (the finding's clock), and whether it is late. */
  dueAt: isoDateTime.nullable(),
  overdue: z.boolean(),
  createdAt: isoDateTime,
  version: z.number().int(),
});
export type AcceptanceFinding = z.infer<typeof acceptanceFinding>;

export const listAcceptanceFindingsQuery = z.object({
  status: z.enum(FINDING_STATUSES).optional(),
  severity: z.enum(FINDING_SEVERITIES).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const acceptanceSummary = z.object({
  open: z.number().int(),
  openBlocking: z.number().int(),
  rectified: z.number().int(),
  verified: z.number().int(),
  /** Units of the batch with at least one finding not yet verified. */
  unitsWithOpenFindings: z.number().int(),
  byCategory: z.array(z.object({ categoryCode: z.string(), open: z.number().int(), total: z.number().int() })),
});
export type AcceptanceSummary = z.infer<typeof acceptanceSummary>;

export const acceptanceFindingPage = z.object({
  items: z.array(acceptanceFinding),
  nextCursor: z.string().nullable(),
  summary: acceptanceSummary,
});

/** A contractor's own rectification work across batches (their org node's findings). */
export const listMyAcceptanceFindingsQuery = z.object({
  status: z.enum(FINDING_STATUSES).default('open'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * What the simulated acceptance of a batch must check besides the handover checklist: items other modules answer
 * for the batch's project (e.g. accepted lessons learned, `source: 'quality_lesson'`). Computed when read.
 */
export const acceptanceChecklistItem = z.object({
  source: z.string(),
  refId: z.string(),
  title: z.string(),
  detail: z.string(),
  /** A code the client words (e.g. the lesson's responsible department). */
  tag: z.string().nullable(),
  since: isoDateTime,
});
export type AcceptanceChecklistItem = z.infer<typeof acceptanceChecklistItem>;
export const acceptanceChecklist = z.object({ items: z.array(acceptanceChecklistItem) });
export type AcceptanceChecklist = z.infer<typeof acceptanceChecklist>;
