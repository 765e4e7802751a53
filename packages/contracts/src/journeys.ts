import { z } from 'zod';
import { version } from './common.js';
import { PART_CATEGORIES, PROJECT_MILESTONES, type ProjectMilestone } from './property.js';
import { ROOMS } from './tickets.js';

export { PROJECT_MILESTONES, type ProjectMilestone };

const isoDate = z.iso.date();

/**
 * What a journey step's date hangs on. `move_in` falls back to `handover`, and `handover` to `actual_delivery`,
 * until the better date is recorded; `milestone` is a project milestone named by the step; `warranty_expiry` the end
 * of a part category's warranty for the unit.
 */
export const JOURNEY_ANCHORS = [
  'first_visit',
  'contract_signed',
  'planned_delivery',
  'actual_delivery',
  'handover',
  'move_in',
  'milestone',
  'warranty_expiry',
] as const;
export type JourneyAnchor = (typeof JOURNEY_ANCHORS)[number];

/** The touchpoint of a step. */
export const JOURNEY_STEP_KINDS = [
  'disclosure',
  'call',
  'notice',
  'notice_call',
  'home_visit',
  'site_visit',
  'inspection',
  'open_day',
  'survey',
  'project_task',
] as const;
export type JourneyStepKind = (typeof JOURNEY_STEP_KINDS)[number];

/** Who does a step's task (a built-in role held at or above the household's project). */
export const JOURNEY_PERFORMERS = [
  'sales_consultant',
  'cr_specialist',
  'cr_manager',
  'department_staff',
  'property_staff',
] as const;

/** Why a step gets no task for a household (previewJourney and the planner). */
export const JOURNEY_SKIP_REASONS = [
  /** the anchor date (and its fallbacks) is not known yet */
  'anchor_missing',
  /** a repeating step stops at the planned delivery date, which is not known */
  'bound_missing',
  /** the contract was signed after the milestone (or is not known) */
  'signed_after_milestone',
  /** a repeating step's first date already falls on or after the planned delivery */
  'after_planned_delivery',
] as const;
export type JourneySkipReason = (typeof JOURNEY_SKIP_REASONS)[number];

const text = (max: number) => z.string().trim().max(max);
const bilingual = (max: number) => z.object({ zh: text(max).min(1), en: text(max).min(1) });

export const journeyChecklistItem = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  zh: text(60).min(1),
  en: text(120).min(1),
});

/**
 * One step of a template. The due date is the anchor's date plus `offset` (months first, then days); `repeat` makes
 * it recur every `everyMonths` months (occurrence 1 at the offset, 2 at offset + everyMonths, …) while the due date is
 * strictly before the planned delivery.
 */
export const journeyStep = z
  .object({
    key: z.string().regex(/^[a-z0-9][a-z0-9_]{0,39}$/),
    name: bilingual(40),
    anchor: z.enum(JOURNEY_ANCHORS),
    milestone: z.enum(PROJECT_MILESTONES).nullable().default(null),
    warrantyPart: z.string().max(40).nullable().default(null),
    offset: z.object({ months: z.number().int().min(-120).max(120), days: z.number().int().min(-3650).max(3650) }),
    repeat: z
      .object({ everyMonths: z.number().int().min(1).max(24), until: z.literal('planned_delivery') })
      .nullable()
      .default(null),
    kind: z.enum(JOURNEY_STEP_KINDS),
    performer: z.enum(JOURNEY_PERFORMERS),
    scope: z.enum(['household', 'batch']),
    /** Working days the task may stay open before it warns and escalates like a ticket node. */
    limitWorkingDays: z.number().int().min(1).max(60),
    checklist: z.array(journeyChecklistItem).max(40),
    /** The task counts as done only once the buyer acknowledged the project's risk disclosure (when it has one). */
    requiresDisclosure: z.boolean().default(false),
    /** The owner's typical worries and what to say: the script staff follow. */
    script: z.object({ zh: text(2000), en: text(4000) }),
  })
  .superRefine((s, ctx) => {
    if (s.offset.months * s.offset.days < 0) {
      ctx.addIssue({ code: 'custom', path: ['offset'], message: 'months and days must not have opposite signs' });
    }
    if (Math.abs(s.offset.months * 30 + s.offset.days) > 3650) {
      ctx.addIssue({ code: 'custom', path: ['offset'], message: 'an offset of at most 10 years' });
    }
    if ((s.anchor === 'milestone') !== (s.milestone !== null)) {
      ctx.addIssue({ code: 'custom', path: ['milestone'], message: 'a milestone step names its milestone' });
    }
    if ((s.anchor === 'warranty_expiry') !== (s.warrantyPart !== null)) {
      ctx.addIssue({ code: 'custom', path: ['warrantyPart'], message: 'a warranty step names its part category' });
    }
    if (s.repeat && s.anchor !== 'contract_signed') {
      ctx.addIssue({ code: 'custom', path: ['repeat'], message: 'only a contract-anchored step repeats' });
    }
    if (s.scope === 'batch' && !['planned_delivery', 'actual_delivery'].includes(s.anchor)) {
      ctx.addIssue({ code: 'custom', path: ['scope'], message: 'a batch step hangs on the batch delivery' });
    }
  });
export type JourneyStep = z.infer<typeof journeyStep>;

const steps = z
  .array(journeyStep)
  .min(1)
  .max(40)
  .superRefine((list, ctx) => {
    const keys = list.map((s) => s.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: 'custom', message: 'each step key once' });
  });

export const journeyTemplate = z.object({
  id: z.uuid(),
  companyId: z.uuid(),
  key: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  active: z.boolean(),
  version,
  steps: z.array(journeyStep),
  updatedAt: z.string(),
});
export type JourneyTemplate = z.infer<typeof journeyTemplate>;

export const listJourneyTemplatesQuery = z.object({ companyId: z.uuid() });

/** A new version of a template: tasks generated from now on use it; tasks already generated keep theirs. */
export const upsertJourneyTemplateBody = z.object({
  version,
  name: bilingual(40),
  active: z.boolean(),
  steps,
});
export type UpsertJourneyTemplateBody = z.infer<typeof upsertJourneyTemplateBody>;

export const journeyAnchors = z.object({
  firstVisit: isoDate.optional(),
  contractSigned: isoDate.optional(),
  plannedDelivery: isoDate.optional(),
  actualDelivery: isoDate.optional(),
  handover: isoDate.optional(),
  moveIn: isoDate.optional(),
});
export type JourneyAnchors = z.infer<typeof journeyAnchors>;
export const journeyMilestones = z.object({
  structureToppedOut: isoDate.optional(),
  completionAcceptance: isoDate.optional(),
});
export type JourneyMilestones = z.infer<typeof journeyMilestones>;

export const previewJourneyBody = z
  .object({
    templateId: z.uuid().optional(),
    steps: steps.optional(),
    companyId: z.uuid(),
    anchors: journeyAnchors.default({}),
    milestones: journeyMilestones.default({}),
  })
  .refine((b) => Boolean(b.templateId) !== Boolean(b.steps), { message: 'a template id or its steps' });

/** One planned task of the preview, or why the step has none. */
export const journeyPreviewItem = z.object({
  stepKey: z.string(),
  occurrence: z.number().int(),
  name: z.object({ zh: z.string(), en: z.string() }),
  kind: z.enum(JOURNEY_STEP_KINDS),
  scope: z.enum(['household', 'batch']),
  anchor: z.enum(JOURNEY_ANCHORS),
  /** the anchor whose date was used (a fallback's, while the step's own is missing) */
  anchorUsed: z.enum(JOURNEY_ANCHORS).nullable(),
  anchorDate: isoDate.nullable(),
  dueDate: isoDate.nullable(),
  skipped: z.enum(JOURNEY_SKIP_REASONS).nullable(),
});
export type JourneyPreviewItem = z.infer<typeof journeyPreviewItem>;
export const journeyPreview = z.object({ items: z.array(journeyPreviewItem) });

export const JOURNEY_TASK_STATUSES = ['open', 'done', 'cancelled'] as const;
export const JOURNEY_OUTCOMES = ['reached', 'not_reached', 'done'] as const;

/** One task of a household's or a batch's journey. */
export const journeyTask = z.object({
  id: z.uuid(),
  subjectKind: z.enum(['household', 'batch']),
  projectId: z.uuid(),
  projectName: z.string().nullable(),
  batchId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  unitCode: z.string().nullable(),
  customerId: z.uuid().nullable(),
  templateId: z.uuid(),
  templateVersion: z.number().int(),
  stepKey: z.string(),
  occurrence: z.number().int(),
  name: z.object({ zh: z.string(), en: z.string() }),
  kind: z.enum(JOURNEY_STEP_KINDS),
  performer: z.enum(JOURNEY_PERFORMERS),
  anchorUsed: z.enum(JOURNEY_ANCHORS),
  anchorDate: isoDate,
  dueDate: isoDate,
  status: z.enum(JOURNEY_TASK_STATUSES),
  outcome: z.enum(JOURNEY_OUTCOMES).nullable(),
  notes: z.string().nullable(),
  attempts: z.number().int(),
  checklist: z
    .array(
      z.object({
        key: z.string(),
        ok: z.boolean(),
        note: z.string().nullable(),
        /** Photos taken for the item (uploaded to the task first). */
        photoFileIds: z.array(z.uuid()).default([]),
      }),
    )
    .nullable(),
  completedAt: z.string().nullable(),
  version,
});
export type JourneyTask = z.infer<typeof journeyTask>;

/** A task with what doing it needs: its step's checklist and script, as its template version has them. */
export const journeyTaskDetail = journeyTask.extend({
  step: journeyStep.nullable(),
  /** The repair tickets its failed checklist items opened. */
  tickets: z.array(z.object({ itemKey: z.string(), ticketId: z.uuid(), number: z.string() })),
});

export const listJourneyTasksQuery = z.object({
  status: z.enum(JOURNEY_TASK_STATUSES).optional(),
  projectId: z.uuid().optional(),
  stepKey: z.string().max(40).optional(),
  dueBefore: isoDate.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const completeJourneyTaskBody = z.object({
  version,
  outcome: z.enum(JOURNEY_OUTCOMES),
  notes: z.string().trim().max(2000).nullable().optional(),
  checklist: z
    .array(
      z.object({
        key: z.string().max(40),
        ok: z.boolean(),
        note: z.string().trim().max(500).nullable().optional(),
        /** Photos of the item, uploaded to the task with uploadJourneyTaskPhoto. */
        photoFileIds: z.array(z.uuid()).max(9).default([]),
        /** Where a failed item was found: the repair ticket it opens gets the room and the defect category. */
        room: z.enum(ROOMS).optional(),
        categoryCode: z.string().max(40).optional(),
      }),
    )
    .max(40)
    .default([]),
});
export type CompleteJourneyTaskBody = z.infer<typeof completeJourneyTaskBody>;

/** One step of an owner's journey as the portal shows it: done, due now, or coming on a date. */
export const myJourneyStep = z.object({
  stepKey: z.string(),
  occurrence: z.number().int(),
  name: z.object({ zh: z.string(), en: z.string() }),
  kind: z.enum(JOURNEY_STEP_KINDS),
  date: isoDate,
  state: z.enum(['done', 'due', 'coming']),
});
/** The journey of each of the owner's homes: steps in date order. */
export const myJourney = z.object({
  items: z.array(
    z.object({
      unitId: z.uuid().nullable(),
      projectId: z.uuid(),
      steps: z.array(myJourneyStep),
      /** Parts of the home whose warranty ends soon (reminded 30 days before by default): report problems now. */
      warrantyEnding: z.array(z.object({ partCategory: z.enum(PART_CATEGORIES), endsOn: isoDate })),
    }),
  ),
});
export type MyJourney = z.infer<typeof myJourney>;

/** A company template as one project runs it: switched on or off there, or following the company's setting. */
export const projectJourneyTemplate = z.object({
  templateId: z.uuid(),
  key: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  /** The company's setting. */
  companyActive: z.boolean(),
  /** What the project runs. */
  enabled: z.boolean(),
  /** The project switched it against the company's setting. */
  overridden: z.boolean(),
});
export type ProjectJourneyTemplate = z.infer<typeof projectJourneyTemplate>;

/** On, off, or null to follow the company's setting again. */
export const setProjectJourneyTemplateBody = z.object({ enabled: z.boolean().nullable() });

/** Completion per project and step over the tasks due in a period (default: the last 90 days up to today). */
export const journeyCompletionQuery = z
  .object({ projectId: z.uuid().optional(), from: isoDate.optional(), to: isoDate.optional() })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['from'], message: 'from must not be after to' });

export const journeyCompletionRow = z.object({
  projectId: z.uuid(),
  projectName: z.string(),
  stepKey: z.string(),
  name: z.object({ zh: z.string(), en: z.string() }),
  /** Tasks due in the period (cancelled ones left out). */
  due: z.number().int(),
  done: z.number().int(),
  /** Done by the end of their due date. */
  doneOnTime: z.number().int(),
  /** Still open, past their due date. */
  overdue: z.number().int(),
  /** done ÷ due, null when nothing was due. */
  rate: z.number().nullable(),
});
export const journeyCompletion = z.object({
  from: isoDate,
  to: isoDate,
  items: z.array(journeyCompletionRow),
});
export type JourneyCompletion = z.infer<typeof journeyCompletion>;
