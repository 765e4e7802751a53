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

// --- group cases (特事特办) ---

export const GROUP_CASE_STATUSES = ['open', 'closed'] as const;
export const GROUP_CASE_UPDATE_KINDS = [
  'opened',
  'status',
  'statement',
  'reply',
  'task_added',
  'task_done',
  'linked',
  'consent',
  'closed',
] as const;
export type GroupCaseUpdateKind = (typeof GROUP_CASE_UPDATE_KINDS)[number];

const caseText = (max: number) => z.string().trim().min(1).max(max);
const isoDate = z.iso.date();

export const createGroupCaseBody = z.object({
  /** From a cluster (its tickets are linked), or by hand with a project and tickets. */
  clusterId: z.uuid().optional(),
  projectId: z.uuid().optional(),
  ticketIds: z.array(z.uuid()).max(500).default([]),
  title: caseText(100),
  /** The senior person answerable for the case. */
  ownerUserId: z.uuid(),
  deadline: isoDate,
  summary: z.string().trim().max(2000).default(''),
});
export type CreateGroupCaseBody = z.infer<typeof createGroupCaseBody>;

export const updateGroupCaseBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('status'), body: caseText(2000) }),
  z.object({ action: z.literal('statement'), body: caseText(2000), audience: caseText(100) }),
  z.object({
    action: z.literal('addTask'),
    title: caseText(200),
    ownerUserId: z.uuid(),
    dueAt: z.iso.datetime({ offset: true }),
  }),
  z.object({ action: z.literal('completeTask'), taskId: z.uuid(), note: z.string().trim().max(1000).default('') }),
  z.object({ action: z.literal('linkTickets'), ticketIds: z.array(z.uuid()).min(1).max(500) }),
  z.object({ action: z.literal('consentClose'), ticketIds: z.array(z.uuid()).min(1).max(500) }),
  z.object({ action: z.literal('edit'), version, deadline: isoDate.optional(), ownerUserId: z.uuid().optional() }),
]);
export type UpdateGroupCaseBody = z.infer<typeof updateGroupCaseBody>;

export const replyToGroupCaseBody = z.object({ body: caseText(500) });
export const closeGroupCaseBody = z.object({
  version,
  cause: caseText(2000),
  measures: caseText(2000),
  /** Yuan spent on the case (repairs, compensation). */
  cost: z.number().min(0).max(1_000_000_000),
  lessons: caseText(2000),
});
export type CloseGroupCaseBody = z.infer<typeof closeGroupCaseBody>;

export const listGroupCasesQuery = pageQuery.extend({ status: z.enum(GROUP_CASE_STATUSES).optional() });

export const groupCase = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  projectId: z.uuid().nullable(),
  projectName: z.string().nullable(),
  clusterId: z.uuid().nullable(),
  ownerUserId: z.uuid(),
  ownerName: z.string(),
  deadline: z.string(),
  priority: z.string(),
  status: z.enum(GROUP_CASE_STATUSES),
  summary: z.string(),
  ticketCount: z.number().int(),
  openTasks: z.number().int(),
  version: z.number().int(),
  createdAt: isoDateTime,
  closedAt: isoDateTime.nullable(),
});

export const groupCaseDetail = groupCase.extend({
  report: z.object({ cause: z.string(), measures: z.string(), cost: z.number(), lessons: z.string() }).nullable(),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      seq: z.number().int(),
      title: z.string(),
      ownerUserId: z.uuid(),
      ownerName: z.string(),
      dueAt: isoDateTime,
      status: z.enum(['open', 'done']),
      doneAt: isoDateTime.nullable(),
      note: z.string(),
    }),
  ),
  tickets: z.array(
    z.object({
      id: z.uuid(),
      number: z.string(),
      title: z.string(),
      unitCode: z.string().nullable(),
      consented: z.boolean(),
    }),
  ),
  updates: z.array(
    z.object({
      at: isoDateTime,
      kind: z.enum(GROUP_CASE_UPDATE_KINDS),
      body: z.string().nullable(),
      actorName: z.string().nullable(),
      data: z.record(z.string(), z.unknown()).nullable(),
    }),
  ),
});

export type GroupCase = z.infer<typeof groupCase>;
export type GroupCaseDetail = z.infer<typeof groupCaseDetail>;
