import { PROJECT_MILESTONES, type ProjectMilestone } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { ProjectMilestoneRepository } from './project-milestone.repository.js';
import { type MilestoneSet, PROPERTY_EVENTS } from './property.events.js';
import type { PropertyService } from './property.service.js';

/** The dates a project reached its milestones; journeys hang steps on them (Pulte's frame-completion visit). */
export class ProjectMilestoneService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly property: PropertyService,
    private readonly events: EventBus,
  ) {}

  /** Every milestone kind with its date (null when not reached or not recorded). */
  async list(ctx: RequestContext, projectId: string) {
    await this.property.getProject(ctx, projectId);
    const rows = await new ProjectMilestoneRepository(this.db).list(projectId);
    return PROJECT_MILESTONES.map((kind) => ({ kind, date: rows.find((r) => r.kind === kind)?.date ?? null }));
  }

  /** Sets (or, with null, clears) a milestone's date. */
  async set(ctx: RequestContext, projectId: string, kind: ProjectMilestone, date: string | null) {
    assertPermission(ctx.principal, 'property.manage');
    const project = await this.property.getProject(ctx, projectId);
    await this.db.transaction(async (tx) => {
      const repo = new ProjectMilestoneRepository(tx);
      const now = this.clock.now();
      if (date) await repo.set({ projectId, kind, date, updatedBy: ctx.principal.userId, updatedAt: now });
      else await repo.clear(projectId, kind);
      await this.audit.record(tx, ctx, {
        action: 'project.milestone',
        entityType: 'project',
        entityId: projectId,
        orgPath: project.path,
        after: { kind, date },
      });
      const payload: MilestoneSet = { projectId, kind, date };
      await this.events.record(tx, ctx, [
        {
          name: PROPERTY_EVENTS.milestoneSet,
          subjectType: 'project',
          subjectId: projectId,
          orgPath: project.path,
          payload,
        },
      ]);
    });
    return this.list(ctx, projectId);
  }
}
