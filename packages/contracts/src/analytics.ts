import { z } from 'zod';
import { uuid } from './common.js';

/**
 * The KPI catalogue of KPIS.md (seed 003). `grain` is what one figure is about: a month's records, one delivery
 * batch (reported in the month its window ends), a phase (cumulative at the period's end) or a managed project per
 * month / quarter. `direction` says whether a figure meets its target by being at least or at most it. The help
 * text of each KPI is its KPIS.md definition, in the console's analytics strings (both languages).
 */
export const KPI_CODES = [
  'K1',
  'K2',
  'K3',
  'K4',
  'K5',
  'K6',
  'K7',
  'K8',
  'K9',
  'K10',
  'K11',
  'K12',
  'K13',
  'K14',
  'K15',
  'K15T',
  'K16',
  'K17',
  'K18',
  'K19',
] as const;
export type KpiCode = (typeof KPI_CODES)[number];
export const kpiCode = z.enum(KPI_CODES);

export type KpiGrain = 'month' | 'batch' | 'phase' | 'managed_month' | 'managed_quarter' | 'bimonth';
export type KpiUnit = 'percent' | 'count' | 'ratio';
export type KpiOwner =
  | 'every_department'
  | 'customer_relations'
  | 'engineering'
  | 'project_management'
  | 'design'
  | 'marketing_sales'
  | 'project_affairs'
  | 'property_company'
  | 'project';

export type KpiDefinition = {
  code: KpiCode;
  grain: KpiGrain;
  unit: KpiUnit;
  direction: 'at_least' | 'at_most';
  /** The default target (a share for percents: 0.88 is 88 %). */
  target: number;
  owner: KpiOwner;
  /** Per-household repair KPIs: the target of a batch of 毛坯 units is half. */
  bareHalving?: boolean;
  /** Scored per department or contractor (K1) rather than per project. */
  byDepartment?: boolean;
};

export const KPI_DEFINITIONS: Record<KpiCode, KpiDefinition> = {
  K1: {
    code: 'K1',
    grain: 'month',
    unit: 'percent',
    direction: 'at_least',
    target: 1,
    owner: 'every_department',
    byDepartment: true,
  },
  K2: { code: 'K2', grain: 'month', unit: 'percent', direction: 'at_least', target: 0.88, owner: 'customer_relations' },
  K3: { code: 'K3', grain: 'month', unit: 'percent', direction: 'at_most', target: 0.03, owner: 'customer_relations' },
  K4: { code: 'K4', grain: 'batch', unit: 'count', direction: 'at_most', target: 30, owner: 'customer_relations' },
  K5: { code: 'K5', grain: 'month', unit: 'percent', direction: 'at_least', target: 1, owner: 'customer_relations' },
  K6: { code: 'K6', grain: 'month', unit: 'percent', direction: 'at_least', target: 1, owner: 'project_management' },
  K7: { code: 'K7', grain: 'month', unit: 'ratio', direction: 'at_most', target: 0.03, owner: 'engineering' },
  K8: {
    code: 'K8',
    grain: 'batch',
    unit: 'ratio',
    direction: 'at_most',
    target: 2.3,
    owner: 'engineering',
    bareHalving: true,
  },
  K9: {
    code: 'K9',
    grain: 'batch',
    unit: 'ratio',
    direction: 'at_most',
    target: 6,
    owner: 'engineering',
    bareHalving: true,
  },
  K10: { code: 'K10', grain: 'month', unit: 'percent', direction: 'at_least', target: 1, owner: 'engineering' },
  K11: { code: 'K11', grain: 'phase', unit: 'percent', direction: 'at_least', target: 0.99, owner: 'design' },
  K12: { code: 'K12', grain: 'batch', unit: 'percent', direction: 'at_least', target: 1, owner: 'design' },
  K13: { code: 'K13', grain: 'month', unit: 'percent', direction: 'at_least', target: 0.95, owner: 'marketing_sales' },
  K14: { code: 'K14', grain: 'month', unit: 'percent', direction: 'at_most', target: 0.02, owner: 'marketing_sales' },
  K15: { code: 'K15', grain: 'batch', unit: 'percent', direction: 'at_least', target: 1, owner: 'project_affairs' },
  K15T: { code: 'K15T', grain: 'batch', unit: 'percent', direction: 'at_least', target: 1, owner: 'project_affairs' },
  K16: {
    code: 'K16',
    grain: 'managed_month',
    unit: 'percent',
    direction: 'at_least',
    target: 1,
    owner: 'property_company',
  },
  K17: {
    code: 'K17',
    grain: 'managed_month',
    unit: 'count',
    direction: 'at_least',
    target: 20,
    owner: 'property_company',
  },
  /** Counted per quarter: the managed project is the denominator in the quarter's first month only (see docs/analytics.md). */
  K18: {
    code: 'K18',
    grain: 'managed_quarter',
    unit: 'count',
    direction: 'at_least',
    target: 1,
    owner: 'property_company',
  },
  K19: { code: 'K19', grain: 'bimonth', unit: 'count', direction: 'at_most', target: 3, owner: 'project' },
};

/** `2026-11` a month, `2026-Q4` a quarter, `2026` a year. */
export const kpiPeriod = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/, 'a month like 2026-11, a quarter like 2026-Q4 or a year like 2026');

export const listKpisResponse = z.object({
  items: z.array(
    z.object({
      code: kpiCode,
      grain: z.enum(['month', 'batch', 'phase', 'managed_month', 'managed_quarter', 'bimonth']),
      unit: z.enum(['percent', 'count', 'ratio']),
      direction: z.enum(['at_least', 'at_most']),
      owner: z.string(),
      bareHalving: z.boolean(),
      byDepartment: z.boolean(),
      /** The target for the caller's company this year (its own row, else the group's, else the default). */
      target: z.number(),
    }),
  ),
});

export const kpiValuesQuery = z.object({
  kpi: kpiCode.optional(),
  scope: uuid.optional(),
  period: kpiPeriod,
  batchId: uuid.optional(),
  /** Also the figures of the scope's children (a company's projects, departments). */
  children: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

export const kpiValue = z.object({
  kpi: kpiCode,
  scopeId: uuid,
  scopeName: z.string(),
  scopeType: z.string(),
  period: z.string(),
  /** A batch's id or a phase (`phase:<name>`); '' for the scope's own figure. */
  batchKey: z.string(),
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  /** The closed snapshot's version (1 first; a recompute adds one), or null while the period is provisional. */
  version: z.number().int().nullable(),
  state: z.enum(['provisional', 'closed']),
  /** The previous closed version's figure when this one is a recompute. */
  previous: z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() }).nullable(),
});
export type KpiValue = z.infer<typeof kpiValue>;
export const kpiValuesResponse = z.object({ items: z.array(kpiValue) });

export const kpiDrilldownQuery = z.object({
  kpi: kpiCode,
  scope: uuid,
  period: kpiPeriod,
  batchId: uuid.optional(),
  /** `numerator` lists only the records counted in the numerator. */
  part: z.enum(['all', 'numerator']).default('all'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const kpiDrilldownItem = z.object({
  recordType: z.string(),
  recordId: uuid,
  /** What a person reads to find the record: a ticket's number, a unit's code, a batch's name… */
  label: z.string(),
  scopeId: uuid,
  scopeName: z.string(),
  batchId: uuid.nullable(),
  category: z.string().nullable(),
  numerator: z.number(),
  denominator: z.number(),
});
export const kpiDrilldownResponse = z.object({ items: z.array(kpiDrilldownItem), nextCursor: z.string().nullable() });

export const upsertKpiTargetParams = z.object({ kpi: kpiCode });
export const upsertKpiTargetBody = z.object({
  companyId: uuid,
  year: z.number().int().min(2000).max(2100),
  target: z.number().finite().min(0).max(1_000_000),
  version: z.number().int().min(0).optional(),
});
export const kpiTarget = z.object({
  kpi: kpiCode,
  companyId: uuid,
  year: z.number().int(),
  target: z.number(),
  version: z.number().int(),
});

export const recomputeKpisBody = z.object({
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11'),
  reason: z.string().trim().min(2).max(500),
});
export const kpiRunSummary = z.object({
  period: z.string(),
  state: z.enum(['provisional', 'closed']),
  version: z.number().int(),
  asOf: z.string(),
  facts: z.number().int(),
});

export const DASHBOARD_KINDS = ['executive', 'manager', 'department', 'survey'] as const;
export const dashboardQuery = z.object({
  kind: z.enum(DASHBOARD_KINDS),
  scope: uuid.optional(),
  /** A month (default: the last closed month for the executive and department dashboards). */
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11')
    .optional(),
  productType: z.string().trim().min(1).max(40).optional(),
  finish: z.enum(['bare', 'finished']).optional(),
  /** The survey dashboard's year (default: this year). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

/** Red / amber / green: met; missed by at most a tenth of the target; missed by more. `none`: no data. */
export const RAG = ['green', 'amber', 'red', 'none'] as const;
const figure = z.object({
  kpi: kpiCode,
  value: z.number().nullable(),
  numerator: z.number(),
  denominator: z.number(),
  target: z.number().nullable(),
  met: z.boolean().nullable(),
  rag: z.enum(RAG),
});
const scopeRef = z.object({ id: uuid, name: z.string(), type: z.string() });

export const executiveDashboard = z.object({
  kind: z.literal('executive'),
  scope: scopeRef,
  period: z.string(),
  kpis: z.array(
    figure.extend({
      trend: z.array(z.object({ period: z.string(), value: z.number().nullable(), target: z.number().nullable() })),
    }),
  ),
  /** The scope's projects by the share of their KPIs with data that met the target (the K19 score). */
  projects: z.array(
    z.object({
      rank: z.number().int(),
      project: scopeRef,
      score: z.number().nullable(),
      met: z.number().int(),
      missed: z.number().int(),
      red: z.array(kpiCode),
    }),
  ),
});

export const managerDashboard = z.object({
  kind: z.literal('manager'),
  scope: scopeRef,
  today: z.string(),
  newToday: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  escalated: z.number().int(),
  breachedSinceYesterday: z.number().int(),
  callbacksDue: z.number().int(),
  /** Of the tickets closed in the last 30 days, the share reopened. */
  reopenRate: z.object({ reopened: z.number().int(), closed: z.number().int(), value: z.number().nullable() }),
  backlogByAge: z.array(
    z.object({ bucket: z.enum(['lt1d', 'd1to3', 'd3to7', 'd7to30', 'gt30d']), count: z.number().int() }),
  ),
  /** The day-46 figures (K4) of the batches frozen in the last 90 days. */
  recentBatches: z.array(
    z.object({
      batchId: uuid,
      project: scopeRef,
      period: z.string(),
      value: z.number().nullable(),
      target: z.number().nullable(),
      met: z.boolean().nullable(),
    }),
  ),
});

export const departmentDashboard = z.object({
  kind: z.literal('department'),
  scope: scopeRef,
  period: z.string(),
  k1: figure,
  openWorkOrders: z.number().int(),
  overdueWorkOrders: z.number().int(),
  openTickets: z.number().int(),
});

const share = z.object({ value: z.number().nullable(), respondents: z.number().int() });
export const surveyDashboard = z.object({
  kind: z.literal('survey'),
  scope: z.object({ id: uuid, name: z.string(), type: z.string() }),
  year: z.number().int(),
  /** Each dimension's share of respondents answering 4–5 (loyalty: satisfied overall who would buy again and refer). */
  dimensions: z.array(
    share.extend({
      dimension: z.string(),
      /** Earlier years: from the answers, else from the loaded history. */
      previous: z.array(
        z.object({ year: z.number().int(), value: z.number().nullable(), source: z.enum(['answers', 'history']) }),
      ),
      target: z.number().nullable(),
      /** The group's figure the same year (answers, else history). */
      group: z.number().nullable(),
    }),
  ),
  /** Overall satisfaction (the share answering 4–5) by the respondent's stage and by the service just received. */
  diveCurve: z.object({
    byStage: z.array(share.extend({ stage: z.string() })),
    byService: z.array(share.extend({ service: z.string() })),
  }),
});
export const dashboardResponse = z.discriminatedUnion('kind', [
  executiveDashboard,
  managerDashboard,
  departmentDashboard,
  surveyDashboard,
]);
export const loadSurveyHistoryBody = z.object({ companyId: uuid });
export type DashboardResponse = z.infer<typeof dashboardResponse>;

export const complaintReportQuery = z.object({
  scope: uuid.optional(),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11'),
  /** Only the tickets dispatched to this department (or contractor). */
  department: uuid.optional(),
});
const countRow = z.object({ key: z.string().nullable(), count: z.number().int() });
export const complaintReport = z.object({
  scope: z.object({ id: uuid, name: z.string(), type: z.string() }),
  department: z.object({ id: uuid, name: z.string() }).nullable(),
  period: z.string(),
  total: z.number().int(),
  byType: z.array(countRow),
  byChannel: z.array(countRow),
  /** Repairs by defect category. */
  byCategory: z.array(countRow),
  /** Complaints by cause. */
  byCause: z.array(countRow),
  byProject: z.array(z.object({ projectId: uuid.nullable(), name: z.string(), count: z.number().int() })),
  /** K1 of each department of the scope's company this month (and of contractors). */
  timeliness: z.array(
    z.object({
      scopeId: uuid,
      name: z.string(),
      type: z.string(),
      value: z.number().nullable(),
      numerator: z.number(),
      denominator: z.number(),
      met: z.boolean().nullable(),
    }),
  ),
  reopened: z.number().int(),
  escalated: z.number().int(),
  /** The most frequent problems: a project, a type and a category or cause, by count. */
  topProblems: z.array(
    z.object({ projectName: z.string(), type: z.string(), key: z.string().nullable(), count: z.number().int() }),
  ),
});
export type ComplaintReport = z.infer<typeof complaintReport>;

/** The quality awards of KPIS.md (yearly, per project), in order; budgets in 万元 (the seed's). */
export const AWARD_CODES = [
  'repair_callback',
  'bimonthly_ranking',
  'leak_rate',
  'repairs_at_delivery',
  'door_window_repairs',
  'wall_repairs',
  'one_home_one_drawing',
  'sales_callback',
  'first_professional_award',
] as const;
export type AwardCode = (typeof AWARD_CODES)[number];
export const awardCode = z.enum(AWARD_CODES);

export const award = z.object({
  code: awardCode,
  /** The KPI it is measured by (null: entered by hand). */
  kpi: z.string().nullable(),
  direction: z.enum(['at_least', 'at_most']).nullable(),
  threshold: z.number().nullable(),
  budget: z.number().nullable(),
});
export const awardsResponse = z.object({ items: z.array(award) });
export const awardRankingQuery = z.object({
  award: awardCode,
  year: z.coerce.number().int().min(2000).max(2100),
  scope: uuid.optional(),
});
export const awardRanking = z.object({
  award,
  year: z.number().int(),
  items: z.array(
    z.object({
      rank: z.number().int(),
      project: z.object({ id: uuid, name: z.string() }),
      value: z.number().nullable(),
      /** Meets the award's threshold (and its other conditions). */
      eligible: z.boolean(),
      winner: z.boolean(),
      /** Months, batches or phases the value is made of. */
      basis: z.number().int(),
      note: z.string().nullable(),
    }),
  ),
});
export type AwardRanking = z.infer<typeof awardRanking>;
export const recordAwardEntryBody = z.object({
  year: z.number().int().min(2000).max(2100),
  projectId: uuid,
  title: z.string().trim().min(2).max(200),
  awardedOn: z.iso.date(),
});

export const listKpiTargetsQuery = z.object({ companyId: uuid, year: z.coerce.number().int().min(2000).max(2100) });
/** The targets a company (or the group) set for a year, with their versions; KPIs not listed use the default. */
export const kpiTargetsResponse = z.object({ items: z.array(kpiTarget) });
