import { z } from 'zod';
import { codeParams, titleParts } from './codes.js';
import { isoDateTime, pageQuery, version } from './common.js';
import { mobile } from './input-rules.js';

export const TICKET_TYPES = ['complaint', 'repair', 'consultation', 'suggestion', 'praise'] as const;
export const TICKET_CHANNELS = [
  'hotline',
  'walk_in',
  'portal',
  'handover',
  'open_day',
  'inspection',
  'online_forum',
  'other',
] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STATUSES = [
  'inspection',
  'dispatch',
  'dispatched',
  'processing',
  'closed',
  'completed',
  'on_hold',
  'cancelled',
] as const;
export const ROOT_CAUSES = ['design', 'material', 'workmanship', 'owner_misuse', 'other'] as const;
/** Why an owner complains (complaints only; KPIS.md). */
export const COMPLAINT_CAUSES = [
  'sales_promise',
  'delivery_delay',
  'agency_promise',
  'property_management',
  'amenities',
  'quality',
  'other',
] as const;
export type ComplaintCause = (typeof COMPLAINT_CAUSES)[number];
export const ROOMS = [
  'living_room',
  'bedroom',
  'kitchen',
  'bathroom',
  'balcony',
  'study',
  'entrance',
  'common_area',
  'exterior',
  'other',
] as const;
/** Nodes with a clock. `reception` is measured at creation (reported → recorded). */
export const SLA_NODES = [
  'reception',
  'inspection',
  'dispatch',
  'first_response',
  'processing',
  'callback',
  'work_order',
] as const;
export const WORK_ORDER_STATUSES = [
  'open',
  'accepted',
  'in_progress',
  'done',
  'confirmed',
  'rejected',
  'cancelled',
] as const;
export const CALLBACK_STATUSES = ['pending', 'answered', 'unanswered', 'cancelled'] as const;
export const OUTBOX_STATUSES = ['queued', 'sending', 'sent', 'failed', 'skipped'] as const;
export const OUTBOX_CHANNELS = ['sms', 'email'] as const;
export const TICKET_ACTIONS = [
  'inspect',
  'dispatch',
  'startProcessing',
  'hold',
  'resume',
  'close',
  'reopen',
  'cancel',
] as const;

export type TicketType = (typeof TICKET_TYPES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type TicketAction = (typeof TICKET_ACTIONS)[number];
export type SlaNode = (typeof SLA_NODES)[number];

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const createTicketBody = z.object({
  type: z.enum(TICKET_TYPES),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  major: z.boolean().default(false),
  title: text(100),
  description: z.string().trim().max(4000).default(''),
  customerId: z.uuid().optional(),
  contactPhone: mobile.optional(),
  unitId: z.uuid().optional(),
  /** Required when no unit is given: the project (or city company) the ticket belongs to. */
  orgUnitId: z.uuid().optional(),
  categoryCode: z.string().max(40).optional(),
  room: z.enum(ROOMS).optional(),
  location: z.string().trim().max(200).optional(),
  /** When the customer contacted us (default: now). */
  reportedAt: isoDateTime.optional(),
  /** Overrides the type's default (on for repairs). */
  inspectionRequired: z.boolean().optional(),
  /** Repairs: a leak whatever the category (K7). */
  leak: z.boolean().optional(),
  /** Repairs: the home differs from its drawings (图纸不符). */
  drawingMismatch: z.boolean().optional(),
  /** Complaints: why the owner complains. */
  complaintCause: z.enum(COMPLAINT_CAUSES).optional(),
  /** Repairs: the contractor or supplier answerable (a contractor serving the ticket's city company). */
  responsibleOrgId: z.uuid().optional(),
});
export type CreateTicketBody = z.infer<typeof createTicketBody>;

/**
 * The KPI fields of a ticket, edited after intake (tickets.manage): leak, drawing mismatch and the responsible
 * contractor on repairs, the cause on complaints; null clears. Fields left out stay as they are.
 */
export const updateTicketBody = z.object({
  version,
  leak: z.boolean().optional(),
  drawingMismatch: z.boolean().optional(),
  complaintCause: z.enum(COMPLAINT_CAUSES).nullable().optional(),
  responsibleOrgId: z.uuid().nullable().optional(),
});
export type UpdateTicketBody = z.infer<typeof updateTicketBody>;

const withVersion = { version };
export const transitionTicketBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('inspect'), ...withVersion, findings: text(2000) }),
  z.object({
    action: z.literal('dispatch'),
    ...withVersion,
    assigneeOrgId: z.uuid(),
    assigneeUserId: z.uuid().optional(),
    note: z.string().trim().max(2000).optional(),
  }),
  z.object({ action: z.literal('startProcessing'), ...withVersion }),
  z.object({ action: z.literal('hold'), ...withVersion, reason: text(500), resumeOn: isoDate.optional() }),
  z.object({ action: z.literal('resume'), ...withVersion }),
  z.object({
    action: z.literal('close'),
    ...withVersion,
    resolution: text(2000),
    rootCause: z.enum(ROOT_CAUSES).optional(),
    /** Repairs: the standard problem (published knowledge article) it was; the root cause is filled from it. */
    knowledgeArticleId: z.uuid().optional(),
    cost: z.number().min(0).max(10_000_000).optional(),
  }),
  z.object({ action: z.literal('reopen'), ...withVersion, reason: text(500) }),
  z.object({ action: z.literal('cancel'), ...withVersion, reason: text(500) }),
]);
export type TransitionTicketBody = z.infer<typeof transitionTicketBody>;

export const addTicketNoteBody = z.object({
  body: text(4000),
  /** `customer`: shown to the owner and counts as our response; `internal`: staff only. */
  visibility: z.enum(['internal', 'customer']).default('internal'),
});

export const slaClock = z.object({
  id: z.uuid(),
  node: z.enum(SLA_NODES),
  workOrderId: z.uuid().nullable(),
  mode: z.enum(['working', 'calendar']),
  limitMinutes: z.number().int(),
  startedAt: isoDateTime,
  warnAt: isoDateTime,
  dueAt: isoDateTime,
  pausedAt: isoDateTime.nullable(),
  warnedAt: isoDateTime.nullable(),
  breachedAt: isoDateTime.nullable(),
  escalationLevel: z.number().int(),
  stoppedAt: isoDateTime.nullable(),
  outcome: z.enum(['met', 'breached', 'cancelled']).nullable(),
  /** The department or contractor holding the clock (KPIS.md K1), null when none is known. */
  holderOrgId: z.uuid().nullable(),
  holderName: z.string().nullable(),
});

export const workOrder = z.object({
  id: z.uuid(),
  ticketId: z.uuid(),
  ticketNumber: z.string(),
  seq: z.number().int(),
  title: z.string(),
  assigneeOrgId: z.uuid(),
  assigneeOrgName: z.string(),
  assigneeOrgType: z.string(),
  assigneeUserId: z.uuid().nullable(),
  status: z.enum(WORK_ORDER_STATUSES),
  progress: z.string().nullable(),
  result: z.string().nullable(),
  dueAt: isoDateTime.nullable(),
  doneAt: isoDateTime.nullable(),
  confirmedAt: isoDateTime.nullable(),
  version,
  createdAt: isoDateTime,
});
export type WorkOrder = z.infer<typeof workOrder>;

/** What the assignee needs on site, shown with each of "my work orders". */
export const workOrderSite = z.object({
  ticketTitle: z.string(),
  projectName: z.string().nullable(),
  unitCode: z.string().nullable(),
  /** The project's address. */
  address: z.string().nullable(),
  room: z.string().nullable(),
  location: z.string().nullable(),
  /** Masked (138****5678); the assignee of a running order reveals it through revealWorkOrderPhone. */
  contactPhoneMasked: z.string().nullable(),
  description: z.string(),
  /** The latest on-site inspection's findings. */
  findings: z.string().nullable(),
  /** The dispatcher's note, when the order came from dispatching the ticket. */
  dispatchNote: z.string().nullable(),
});
export const myWorkOrder = workOrder.extend({ site: workOrderSite });
export type MyWorkOrder = z.infer<typeof myWorkOrder>;

export const revealWorkOrderPhoneBody = z.object({
  reason: z.string().trim().min(2, 'give a reason').max(200),
});
export const revealedWorkOrderPhone = z.object({ phone: z.string() });

/** `kind` is one of TICKET_EVENT_KINDS; `data.code` (TICKET_EVENT_CODES) and its parameters give the detail line. */
export const ticketEvent = z.object({
  id: z.number().int(),
  at: isoDateTime,
  kind: z.string(),
  visibility: z.enum(['internal', 'customer']),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  body: z.string().nullable(),
  data: z.unknown(),
});

export const ticketSummary = z.object({
  id: z.uuid(),
  number: z.string(),
  type: z.enum(TICKET_TYPES),
  channel: z.enum(TICKET_CHANNELS),
  priority: z.enum(TICKET_PRIORITIES),
  major: z.boolean(),
  status: z.enum(TICKET_STATUSES),
  title: z.string(),
  /** Set when the title was made from the owner's picks: render it from these in the reader's language. */
  titleParts: titleParts.nullable(),
  customerId: z.uuid().nullable(),
  customerName: z.string().nullable(),
  unitCode: z.string().nullable(),
  projectId: z.uuid().nullable(),
  /** The project's name, shown wherever the unit code is. */
  projectName: z.string().nullable(),
  categoryCode: z.string().nullable(),
  assigneeUserId: z.uuid().nullable(),
  assigneeOrgId: z.uuid().nullable(),
  warning: z.boolean(),
  overdue: z.boolean(),
  escalationLevel: z.number().int(),
  nextDueAt: isoDateTime.nullable(),
  reportedAt: isoDateTime,
  createdAt: isoDateTime,
  version,
});
export type TicketSummary = z.infer<typeof ticketSummary>;

/** The queue counts up to this many matching tickets; `totalCapped` says there are more ("10,000+"). */
export const TICKET_COUNT_CAP = 10_000;
export const ticketQueuePage = z.object({
  items: z.array(ticketSummary),
  nextCursor: z.string().nullable(),
  /** Tickets matching the filters (answered with the first page only, null on later pages), at most TICKET_COUNT_CAP. */
  total: z.number().int().nullable(),
  totalCapped: z.boolean(),
});
export type TicketQueuePage = z.infer<typeof ticketQueuePage>;

export const ticket = ticketSummary.extend({
  description: z.string(),
  contactPhoneMasked: z.string().nullable(),
  unitId: z.uuid().nullable(),
  room: z.string().nullable(),
  location: z.string().nullable(),
  warrantyStatus: z.enum(['in', 'out', 'unknown']).nullable(),
  warrantyUntil: isoDate.nullable(),
  rootCause: z.enum(ROOT_CAUSES).nullable(),
  /** The standard problem the ticket was closed with (its root cause came from it). */
  knowledgeArticleId: z.uuid().nullable(),
  leak: z.boolean(),
  drawingMismatch: z.boolean(),
  complaintCause: z.enum(COMPLAINT_CAUSES).nullable(),
  responsibleOrgId: z.uuid().nullable(),
  resolution: z.string().nullable(),
  cost: z.number().nullable(),
  heldFrom: z.string().nullable(),
  holdReason: z.string().nullable(),
  resumeOn: isoDate.nullable(),
  inspectionRequired: z.boolean(),
  firstResponseAt: isoDateTime.nullable(),
  closedAt: isoDateTime.nullable(),
  completedAt: isoDateTime.nullable(),
  reopenCount: z.number().int(),
  cancelReason: z.string().nullable(),
  /** The ticket this duplicate was merged into. */
  mergedInto: z.object({ id: z.uuid(), number: z.string() }).nullable(),
  clocks: z.array(slaClock),
  workOrders: z.array(workOrder),
  events: z.array(ticketEvent),
  callback: z
    .object({
      status: z.enum(CALLBACK_STATUSES),
      attempts: z.number().int(),
      score: z.number().int().nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
  allowedActions: z.array(z.enum(TICKET_ACTIONS)),
});
export type Ticket = z.infer<typeof ticket>;

const flag = z.stringbool().optional();
export const listTicketsQuery = pageQuery.extend({
  status: z.enum(TICKET_STATUSES).optional(),
  open: flag,
  type: z.enum(TICKET_TYPES).optional(),
  projectId: z.uuid().optional(),
  categoryCode: z.string().max(40).optional(),
  /** Repairs flagged as leaks. */
  leak: flag,
  complaintCause: z.enum(COMPLAINT_CAUSES).optional(),
  warning: flag,
  overdue: flag,
  assigneeUserId: z.uuid().optional(),
  assigneeOrgId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** Tickets of one home (the hotline's "already reported?" check before opening another). */
  unitId: z.uuid().optional(),
  /** Ticket number (prefix) or title words. */
  q: z.string().trim().max(60).optional(),
  sort: z.enum(['created', 'due']).default('created'),
});
export type ListTicketsQuery = z.infer<typeof listTicketsQuery>;

export const createWorkOrderBody = z.object({
  title: text(200),
  assigneeOrgId: z.uuid(),
  assigneeUserId: z.uuid().optional(),
});
export const updateWorkOrderBody = z.object({
  action: z.enum(['accept', 'progress', 'done', 'confirm', 'reject', 'cancel']),
  version,
  note: z.string().trim().max(2000).optional(),
});
export const listMyWorkOrdersQuery = pageQuery.extend({
  status: z.enum(WORK_ORDER_STATUSES).optional(),
});

export const recordCallbackBody = z.discriminatedUnion('outcome', [
  z.object({
    outcome: z.literal('answered'),
    method: z.enum(['phone', 'sms_link', 'visit']).default('phone'),
    score: z.number().int().min(1).max(5),
    comment: z.string().trim().max(2000).optional(),
  }),
  z.object({ outcome: z.literal('unanswered'), method: z.enum(['phone', 'sms_link', 'visit']).default('phone') }),
]);

export const ladderStep = z.object({
  level: z.number().int().min(1).max(4),
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 30),
  target: z.enum(['project', 'city_company', 'region', 'group']),
  roles: z.array(z.string().max(40)).min(1).max(5),
});
export type LadderStep = z.infer<typeof ladderStep>;

export const slaPolicy = z.object({
  id: z.uuid().nullable(),
  companyId: z.uuid().nullable(),
  ticketType: z.enum(TICKET_TYPES),
  categoryCode: z.string(),
  priority: z.string(),
  major: z.enum(['', 'yes', 'no']),
  node: z.enum(SLA_NODES),
  limitMinutes: z.number().int(),
  mode: z.enum(['working', 'calendar']),
  warnPercent: z.number().int(),
  ladder: z.array(ladderStep),
  builtin: z.boolean(),
  version,
});
export type SlaPolicy = z.infer<typeof slaPolicy>;

export const upsertSlaPolicyBody = z.object({
  companyId: z.uuid(),
  ticketType: z.enum(TICKET_TYPES),
  categoryCode: z.string().max(40).default(''),
  priority: z.union([z.enum(TICKET_PRIORITIES), z.literal('')]).default(''),
  major: z.enum(['', 'yes', 'no']).default(''),
  node: z.enum(SLA_NODES),
  limitMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365),
  mode: z.enum(['working', 'calendar']),
  warnPercent: z.number().int().min(1).max(99).default(80),
  ladder: z.array(ladderStep).max(4),
});

const span = z.object({ start: isoDateTime, end: isoDateTime });
export const previewSlaBody = z.object({
  companyId: z.uuid(),
  type: z.enum(TICKET_TYPES),
  categoryCode: z.string().max(40).optional(),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  major: z.boolean().default(false),
  start: isoDateTime,
  holds: z.array(span).max(20).default([]),
});
export const slaPreview = z.object({
  nodes: z.array(
    z.object({
      node: z.enum(SLA_NODES),
      limitMinutes: z.number().int(),
      mode: z.enum(['working', 'calendar']),
      warnAt: isoDateTime,
      dueAt: isoDateTime,
      escalations: z.array(z.object({ level: z.number().int(), at: isoDateTime })),
    }),
  ),
});

export const businessCalendar = z.object({
  companyId: z.uuid(),
  workingHours: z
    .array(z.object({ start: z.string(), end: z.string() }))
    .min(1)
    .max(6),
  workingWeekdays: z.array(z.number().int().min(1).max(7)).max(7),
  holidays: z.array(isoDate).max(400),
  makeupWorkdays: z.array(isoDate).max(100),
  version,
  builtin: z.boolean(),
});
export const updateBusinessCalendarBody = businessCalendar.omit({ companyId: true, builtin: true });

/** `kind` (NOTIFICATION_KINDS) with `params` is the title in the reader's language; `title` is the stored Chinese. */
export const notification = z.object({
  id: z.number().int(),
  kind: z.string(),
  params: codeParams.nullable(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: isoDateTime,
  readAt: isoDateTime.nullable(),
});
export const outboxMessage = z.object({
  id: z.uuid(),
  channel: z.enum(OUTBOX_CHANNELS),
  recipientMasked: z.string(),
  template: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number().int(),
  provider: z.string().nullable(),
  lastError: z.string().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
});
export const defectCategory = z.object({
  code: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  urgent: z.boolean(),
});
