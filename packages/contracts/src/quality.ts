import { z } from 'zod';
import { isoDateTime, pageQuery, version } from './common.js';

/** Request and response schemas of the quality module: clusters and their rules (imported as '@anju/contracts/quality'). */

export const CLUSTER_STATUSES = ['open', 'below_threshold', 'closed'] as const;
export type ClusterStatus = (typeof CLUSTER_STATUSES)[number];
export const CLUSTER_EVENT_KINDS = [
  'raised',
  'joined',
  'severity',
  'removed',
  'below_threshold',
  'warned',
  'acknowledged',
] as const;
export type ClusterEventKind = (typeof CLUSTER_EVENT_KINDS)[number];

const category = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/);

export const clusterRuleFields = z.object({
  /** W: the window in days (1–90). */
  windowDays: z.number().int().min(1).max(90),
  /** N: tickets within the window (2–100). */
  minTickets: z.number().int().min(2).max(100),
  /** H: distinct households among them (1–N). */
  minHouseholds: z.number().int().min(1).max(100),
  /** Text similarity (0.05–1) from which two tickets are about the same problem. */
  similarity: z.number().min(0.05).max(1),
  doubleCategories: z.array(category).max(30),
  signalWords: z.array(z.string().trim().min(1).max(20)).max(100),
  /** From which severity the group's CR centre is warned and its board shows a cluster (1–3). */
  groupLevel: z.number().int().min(1).max(3),
});
export type ClusterRuleFields = z.infer<typeof clusterRuleFields>;

export const upsertClusterRuleBody = clusterRuleFields.extend({ version: version.optional() });
export type UpsertClusterRuleBody = z.infer<typeof upsertClusterRuleBody>;
export const clusterRuleParams = z.object({ orgUnitId: z.uuid() });

export const clusterRule = clusterRuleFields.extend({
  orgUnitId: z.uuid(),
  orgUnitName: z.string(),
  version: z.number().int(),
  updatedAt: isoDateTime,
});
export const clusterRuleList = z.object({ items: z.array(clusterRule), defaults: clusterRuleFields });

export const listClustersQuery = pageQuery.extend({
  status: z.enum(CLUSTER_STATUSES).optional(),
  projectId: z.uuid().optional(),
  minSeverity: z.coerce.number().int().min(1).max(3).optional(),
});

export const cluster = z.object({
  id: z.uuid(),
  number: z.string(),
  projectId: z.uuid(),
  projectName: z.string(),
  buildingId: z.uuid().nullable(),
  /** The building's name, or the common-area location; null: the project's common areas. */
  place: z.string().nullable(),
  /** `cat:<defect category>`, `cause:<complaint cause>`, most common first. */
  categories: z.array(z.string()),
  severity: z.number().int().min(1).max(3),
  status: z.enum(CLUSTER_STATUSES),
  ticketCount: z.number().int(),
  householdCount: z.number().int(),
  signalWords: z.array(z.string()),
  firstAt: isoDateTime,
  lastAt: isoDateTime,
  raisedAt: isoDateTime,
  acknowledged: z.boolean(),
  caseId: z.uuid().nullable(),
});

export const clusterDetail = cluster.extend({
  tickets: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      type: z.string(),
      unitCode: z.string().nullable(),
      categories: z.array(z.string()),
      signalWords: z.array(z.string()),
      reportedAt: isoDateTime,
    }),
  ),
  events: z.array(
    z.object({
      at: isoDateTime,
      kind: z.enum(CLUSTER_EVENT_KINDS),
      ticketId: z.uuid().nullable(),
      level: z.number().int().nullable(),
      actorName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
  acknowledgements: z.array(
    z.object({ userId: z.uuid(), userName: z.string(), level: z.number().int(), note: z.string(), at: isoDateTime }),
  ),
});

export const acknowledgeClusterBody = z.object({ note: z.string().trim().max(500).default('') });

export const clusterMapQuery = z.object({ projectId: z.uuid() });
/** A project's buildings coloured by their open clusters (the board's map). */
export const clusterMap = z.object({
  buildings: z.array(
    z.object({
      id: z.uuid(),
      code: z.string(),
      name: z.string(),
      severity: z.number().int(),
      clusters: z.number().int(),
    }),
  ),
  commonAreas: z.array(z.object({ place: z.string(), severity: z.number().int(), clusters: z.number().int() })),
});

export type ClusterRule = z.infer<typeof clusterRule>;
export type ClusterRuleList = z.infer<typeof clusterRuleList>;
export type Cluster = z.infer<typeof cluster>;
export type ClusterDetail = z.infer<typeof clusterDetail>;
export type ClusterMap = z.infer<typeof clusterMap>;
