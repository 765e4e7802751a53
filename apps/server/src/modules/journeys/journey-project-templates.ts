import type { ProjectJourneyTemplate } from '@anju/contracts/journeys';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, pathInScope } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { JourneySubjectRepository } from './journey-subject.repository.js';
import { JourneyTemplateRepository } from './journey-template.repository.js';
import type { JourneyTemplateService } from './journey-template.service.js';

/**
 * Which of its company's templates a project runs: the company's setting unless the project switched a template on
 * or off. A switch re-plans the project's households at the planner's next run (tasks of a template switched off
 * are cancelled while open; done ones stay).
 */
export class JourneyProjectTemplates {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly templates: JourneyTemplateService,
  ) {}

  private async project(ctx: RequestContext, projectId: string) {
    const node = await this.directory.node(projectId);
    const visible =
      node?.type === 'project' &&
      (pathInScope(node.path, ctx.principal.orgPath) || pathInScope(ctx.principal.orgPath, node.path));
    const company = visible ? await this.directory.companyOf(projectId) : null;
    if (!node || !company) throw new AppError('PROJECT_NOT_FOUND');
    return { node, company };
  }

  async list(ctx: RequestContext, projectId: string): Promise<ProjectJourneyTemplate[]> {
    assertPermission(ctx.principal, 'journeys.read');
    const { company } = await this.project(ctx, projectId);
    const rows = await this.templates.templatesOf(this.db, company.id);
    const own = (await new JourneyTemplateRepository(this.db).projectSwitches([projectId])).get(projectId);
    return rows.map((t) => {
      const switched = own?.get(t.id);
      return {
        templateId: t.id,
        key: t.key,
        name: { zh: t.nameZh, en: t.nameEn },
        companyActive: t.active,
        enabled: switched ?? t.active,
        overridden: switched !== undefined && switched !== t.active,
      };
    });
  }

  async set(ctx: RequestContext, projectId: string, templateId: string, enabled: boolean | null) {
    assertPermission(ctx.principal, 'journeys.manage');
    const { node, company } = await this.project(ctx, projectId);
    if (!pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('PROJECT_NOT_FOUND');
    const template = await new JourneyTemplateRepository(this.db).find(templateId);
    if (template?.companyId !== company.id) throw new AppError('JOURNEY_TEMPLATE_NOT_FOUND');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      // a switch equal to the company's setting is no switch: the project follows the company again
      const value = enabled === template.active ? null : enabled;
      await new JourneyTemplateRepository(tx).setProjectSwitch(projectId, templateId, value, ctx.principal.userId, now);
      await new JourneySubjectRepository(tx).planProjectToday(projectId, chinaDate(now), now);
      await this.audit.record(tx, ctx, {
        action: 'journey_template.project_switch',
        entityType: 'journey_template',
        entityId: templateId,
        orgPath: node.path,
        after: { projectId, key: template.key, enabled: value ?? template.active, overridden: value !== null },
      });
    });
    return this.list(ctx, projectId);
  }
}
