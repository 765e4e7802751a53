import {
  type JourneyPreviewItem,
  type JourneyStep,
  type JourneyTemplate,
  journeyStep,
  type UpsertJourneyTemplateBody,
} from '@anju/contracts/journeys';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { ClockService } from '../sla/clock.service.js';
import type { JourneyTemplateRow } from './journey.tables.js';
import { DEFAULT_TEMPLATES } from './journey-defaults.js';
import { type PlanInput, planJourney } from './journey-plan.js';
import { JourneyTemplateRepository } from './journey-template.repository.js';

/** A template row as the API shows it. */
export const presentTemplate = (row: JourneyTemplateRow): JourneyTemplate => ({
  id: row.id,
  companyId: row.companyId,
  key: row.key,
  name: { zh: row.nameZh, en: row.nameEn },
  active: row.active,
  version: row.version,
  steps: stepsOf(row.steps),
  updatedAt: row.updatedAt.toISOString(),
});

/** Stored steps, read back through the contract's schema (defaults filled in for fields added later). */
export const stepsOf = (json: unknown): JourneyStep[] =>
  (Array.isArray(json) ? json : []).map((s) => journeyStep.parse(s));

/**
 * Journey templates: each company has the two defaults (added the first time its templates are read) and edits its
 * own copies; an edit is a new version. The preview plans a household's journey with the planner's own function.
 */
export class JourneyTemplateService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly clocks: ClockService,
  ) {}

  /**
   * A city company whose templates the caller may see: the company lies in their subtree (group and regional staff)
   * or they work under it (project staff read the steps they carry out). `manage` asks for the first only.
   */
  private async company(ctx: RequestContext, companyId: string, manage = false) {
    const node = await this.directory.node(companyId);
    if (node?.type !== 'city_company' || !node.active) throw new AppError('ORG_UNIT_NOT_FOUND');
    const above = pathInScope(node.path, ctx.principal.orgPath);
    if (!above && (manage || !pathInScope(ctx.principal.orgPath, node.path))) throw new AppError('OUT_OF_SCOPE');
    return node;
  }

  /** The company's templates, the defaults added once when it has none of their keys. */
  async templatesOf(db: Executor, companyId: string): Promise<JourneyTemplateRow[]> {
    const repo = new JourneyTemplateRepository(db);
    let rows = await repo.ofCompany(companyId);
    const missing = DEFAULT_TEMPLATES.filter((d) => !rows.some((r) => r.key === d.key));
    if (missing.length) {
      const now = this.clock.now();
      await repo.addMissing(
        missing.map((d) => ({
          companyId,
          key: d.key,
          nameZh: d.name.zh,
          nameEn: d.name.en,
          active: d.active,
          steps: d.steps,
          updatedBy: null,
          updatedAt: now,
        })),
      );
      rows = await repo.ofCompany(companyId);
    }
    return rows;
  }

  async list(ctx: RequestContext, companyId: string) {
    assertPermission(ctx.principal, 'journeys.read');
    await this.company(ctx, companyId);
    return (await this.templatesOf(this.db, companyId)).map(presentTemplate);
  }

  private async row(ctx: RequestContext, id: string, manage = false) {
    const row = await new JourneyTemplateRepository(this.db).find(id);
    if (!row) throw new AppError('JOURNEY_TEMPLATE_NOT_FOUND');
    try {
      await this.company(ctx, row.companyId, manage);
    } catch (err) {
      if (err instanceof AppError && err.code === 'OUT_OF_SCOPE' && !manage) {
        throw new AppError('JOURNEY_TEMPLATE_NOT_FOUND');
      }
      throw err;
    }
    return row;
  }

  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'journeys.read');
    return presentTemplate(await this.row(ctx, id));
  }

  async upsert(ctx: RequestContext, id: string, body: UpsertJourneyTemplateBody) {
    assertPermission(ctx.principal, 'journeys.manage');
    const current = await this.row(ctx, id, true);
    const company = await this.company(ctx, current.companyId, true);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const row = await new JourneyTemplateRepository(tx).update(id, body.version, {
        nameZh: body.name.zh,
        nameEn: body.name.en,
        active: body.active,
        steps: body.steps,
        updatedBy: ctx.principal.userId,
        updatedAt: now,
      });
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'journey_template.update',
        entityType: 'journey_template',
        entityId: id,
        orgPath: company.path,
        after: { key: row.key, version: row.version, steps: body.steps.length, active: body.active },
      });
      return presentTemplate(row);
    });
  }

  /** Every step's due date for a household with these anchors (a saved template, or steps being edited). */
  async preview(
    ctx: RequestContext,
    body: { templateId?: string; steps?: JourneyStep[]; companyId: string } & PlanInput,
  ): Promise<JourneyPreviewItem[]> {
    assertPermission(ctx.principal, 'journeys.read');
    await this.company(ctx, body.companyId);
    const steps = body.steps ?? stepsOf((await this.row(ctx, body.templateId as string)).steps);
    const { calendar } = await this.clocks.calendarOf(this.db, body.companyId);
    return planJourney(steps, { anchors: body.anchors, milestones: body.milestones }, calendar);
  }
}
