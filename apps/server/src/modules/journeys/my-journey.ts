import type { PartCategory } from '@anju/contracts';
import type { JourneyAnchors, JourneyMilestones, MyJourney } from '@anju/contracts/journeys';
import type { RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { assertMay } from '../../platform/rbac/scope.js';
import type { ClockService } from '../sla/clock.service.js';
import type { BusinessCalendar } from '../sla/working-time.js';
import { planJourney } from './journey-plan.js';
import { JourneySubjectRepository } from './journey-subject.repository.js';
import { JourneyTaskRepository } from './journey-task.repository.js';
import { JourneyTemplateRepository } from './journey-template.repository.js';
import { type JourneyTemplateService, stepsOf } from './journey-template.service.js';
import { WarrantyReminderRepository } from './warranty-reminder.repository.js';

/** Touchpoints an owner sees on their journey (sales callbacks and staff-only project work are not theirs). */
const OWNER_KINDS = new Set(['disclosure', 'call', 'notice', 'notice_call', 'home_visit', 'site_visit', 'inspection']);

/**
 * An owner's journey for the portal: for each of their homes, the steps done, the steps due now (open tasks) and the
 * steps coming (planned by the same date rule as the planner, beyond its horizon), in date order. Cancelled tasks
 * and steps without a date are left out.
 */
export class MyJourneyService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly templates: JourneyTemplateService,
    private readonly clocks: ClockService,
  ) {}

  async of(ctx: RequestContext, customerId: string): Promise<MyJourney> {
    assertMay(ctx.principal, 'journeys.read', customerId === ctx.principal.customerId);
    const today = chinaDate(this.clock.now());
    const subjects = await new JourneySubjectRepository(this.db).ofCustomer(customerId);
    const tasks = await new JourneyTaskRepository(this.db).ofSubjects(subjects.map((s) => s.id));
    const calendars = await this.clocks.calendarsOf(this.db, [...new Set(subjects.map((s) => s.companyId))]);
    const reminders = await new WarrantyReminderRepository(this.db).ofCustomer(customerId, today);
    const switches = await new JourneyTemplateRepository(this.db).projectSwitches(subjects.map((s) => s.projectId));
    const items: MyJourney['items'] = [];
    for (const subject of subjects) {
      const steps: MyJourney['items'][number]['steps'] = [];
      const seen = new Set<string>();
      for (const task of tasks.filter((t) => t.subjectId === subject.id && t.status !== 'cancelled')) {
        if (!OWNER_KINDS.has(task.kind)) continue;
        seen.add(`${task.templateId}|${task.stepKey}|${task.occurrence}`);
        steps.push({
          stepKey: task.stepKey,
          occurrence: task.occurrence,
          name: { zh: task.nameZh, en: task.nameEn },
          kind: task.kind as MyJourney['items'][number]['steps'][number]['kind'],
          date: task.completedAt ? chinaDate(task.completedAt) : task.dueDate,
          state: task.status === 'done' ? 'done' : 'due',
        });
      }
      const templates = (await this.templates.templatesOf(this.db, subject.companyId)).filter(
        (t) => switches.get(subject.projectId)?.get(t.id) ?? t.active,
      );
      for (const template of templates) {
        const own = stepsOf(template.steps).filter((s) => s.scope === 'household' && OWNER_KINDS.has(s.kind));
        const planned = planJourney(
          own,
          { anchors: subject.anchors as JourneyAnchors, milestones: subject.milestones as JourneyMilestones },
          calendars.get(subject.companyId) as BusinessCalendar,
        );
        for (const item of planned) {
          if (!item.dueDate || item.dueDate <= today) continue;
          if (seen.has(`${template.id}|${item.stepKey}|${item.occurrence}`)) continue;
          steps.push({
            stepKey: item.stepKey,
            occurrence: item.occurrence,
            name: item.name,
            kind: item.kind,
            date: item.dueDate,
            state: 'coming',
          });
        }
      }
      steps.sort((a, b) => a.date.localeCompare(b.date) || a.stepKey.localeCompare(b.stepKey));
      const warrantyEnding = reminders
        .filter((r) => r.unitId === subject.unitId)
        .map((r) => ({ partCategory: r.partCategory as PartCategory, endsOn: r.endsOn }));
      items.push({ unitId: subject.unitId, projectId: subject.projectId, steps, warrantyEnding });
    }
    return { items };
  }
}
