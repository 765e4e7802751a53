import { randomUUID } from 'node:crypto';
import type { JourneyAnchors, JourneyMilestones, JourneyStep } from '@anju/contracts/journeys';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import type { JobRunner } from '../../platform/jobs/job-runner.js';
import type { ClockService } from '../sla/clock.service.js';
import type { BusinessCalendar } from '../sla/working-time.js';
import type { JourneySubjectRow, JourneyTaskRow } from './journey.tables.js';
import { JOURNEY_TASK_CLOCKS, startTaskClocks } from './journey-clocks.js';
import { addDays } from './journey-dates.js';
import { planJourney } from './journey-plan.js';
import { JourneySubjectRepository, type SubjectFilter } from './journey-subject.repository.js';
import { JourneyTaskRepository, type NewJourneyTask, type TaskMove } from './journey-task.repository.js';
import { JourneyTemplateRepository } from './journey-template.repository.js';
import { type JourneyTemplateService, stepsOf } from './journey-template.service.js';

export const JOURNEY_PLAN_JOB = 'journeys.plan';
const PAGE = 500;
/** Bounded work per run; what is left is still due and the next run (ten minutes on) takes it. */
const MAX_PER_RUN = 50_000;
const INSERT_CHUNK = 1_000;

export type PlannerOptions = { horizonDays: number; historyGraceDays: number };
export const DEFAULT_PLANNER: PlannerOptions = { horizonDays: 60, historyGraceDays: 30 };
export type PlanResult = { subjects: number; created: number; moved: number; cancelled: number };

type TemplatePlan = { id: string; version: number; active: boolean; steps: JourneyStep[] };
const key = (templateId: string, stepKey: string, occurrence: number) => `${templateId}|${stepKey}|${occurrence}`;

/**
 * Journey tasks from anchors (docs/journeys.md). Subjects (households, batches) are synced from the homes' records
 * when an anchor appears or changes; a subject whose day has come is planned: the tasks due within the horizon are
 * written once (a unique key per subject, template step and occurrence), open tasks follow a moved anchor, an ended
 * ownership cancels its open tasks, done tasks are never touched, and the subject's next day is the first date a
 * step enters the horizon. A run reads only subjects whose day has come, so its cost follows the anchors that
 * changed and the steps entering the horizon, not all owners.
 */
export class JourneyPlanner {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly templates: JourneyTemplateService,
    private readonly clocks: ClockService,
    private readonly opts: PlannerOptions = DEFAULT_PLANNER,
  ) {}

  register(jobs: JobRunner) {
    jobs.define(JOURNEY_PLAN_JOB, async () => {
      await this.run();
    });
    jobs.schedule(JOURNEY_PLAN_JOB, '*/10 * * * *');
  }

  private days() {
    const now = this.clock.now();
    const today = chinaDate(now);
    return { now, today, since: addDays(today, -this.opts.historyGraceDays) };
  }

  /** Brings the subjects matching the filter up to date with the homes' records; changed ones are due today. */
  async sync(db: Executor, filter: SubjectFilter) {
    const { now, today, since } = this.days();
    const repo = new JourneySubjectRepository(db);
    const households = await repo.syncHouseholds(filter, today, since, now);
    const batches =
      'ownershipIds' in filter || 'unitIds' in filter ? [] : await repo.syncBatches(filter, today, since, now);
    return [...households, ...batches].map((r) => r.id);
  }

  /** Plans these subjects now, in the caller's transaction (a listener planning the household it synced). */
  async planNow(tx: Tx, ids: string[]): Promise<PlanResult> {
    return this.plan(tx, await new JourneySubjectRepository(tx).lock(ids));
  }

  /** Every subject whose day has come, page by page, each page in its own transaction. */
  async run(): Promise<PlanResult> {
    const total: PlanResult = { subjects: 0, created: 0, moved: 0, cancelled: 0 };
    while (total.subjects < MAX_PER_RUN) {
      const page = await this.db.transaction(async (tx) =>
        this.plan(tx, await new JourneySubjectRepository(tx).claimDue(this.days().today, PAGE)),
      );
      for (const k of Object.keys(total) as (keyof PlanResult)[]) total[k] += page[k];
      if (page.subjects < PAGE) break;
    }
    return total;
  }

  private async plan(tx: Tx, subjects: JourneySubjectRow[]): Promise<PlanResult> {
    if (subjects.length === 0) return { subjects: 0, created: 0, moved: 0, cancelled: 0 };
    const { now, today } = this.days();
    const horizonEnd = addDays(today, this.opts.horizonDays);
    const companyIds = [...new Set(subjects.map((s) => s.companyId))];
    const templatesOf = new Map<string, TemplatePlan[]>();
    for (const companyId of companyIds) {
      const rows = await this.templates.templatesOf(tx, companyId);
      templatesOf.set(
        companyId,
        rows.map((t) => ({ id: t.id, version: t.version, active: t.active, steps: stepsOf(t.steps) })),
      );
    }
    // a project may switch a template on or off against its company's setting
    const switches = await new JourneyTemplateRepository(tx).projectSwitches(subjects.map((s) => s.projectId));
    const runs = (subject: JourneySubjectRow, template: TemplatePlan) =>
      switches.get(subject.projectId)?.get(template.id) ?? template.active;
    const calendars = await this.clocks.calendarsOf(tx, companyIds);
    const tasks = await new JourneyTaskRepository(tx).ofSubjects(subjects.map((s) => s.id));
    const orgPathOf = new Map(tasks.map((t) => [t.id, t.orgPath]));
    const tasksOf = new Map<string, Map<string, JourneyTaskRow>>();
    for (const t of tasks) {
      const own = tasksOf.get(t.subjectId) ?? new Map<string, JourneyTaskRow>();
      own.set(key(t.templateId, t.stepKey, t.occurrence), t);
      tasksOf.set(t.subjectId, own);
    }
    const versions = new Map<string, JourneyStep[]>();
    const stepsAt = async (templateId: string, version: number) => {
      const k = `${templateId}:${version}`;
      if (!versions.has(k))
        versions.set(k, stepsOf(await new JourneyTemplateRepository(tx).stepsAt(templateId, version)));
      return versions.get(k) as JourneyStep[];
    };

    const created: NewJourneyTask[] = [];
    /** What each new or moved task's clock needs: its step and its company's calendar. */
    const clockOf = new Map<string, { step: JourneyStep; calendar: BusinessCalendar }>();
    const moves: TaskMove[] = [];
    const cancelled: string[] = [];
    const next: { id: string; nextPlanOn: string | null }[] = [];
    for (const subject of subjects) {
      const own = tasksOf.get(subject.id) ?? new Map<string, JourneyTaskRow>();
      if (!subject.active) {
        for (const t of own.values()) if (t.status === 'open') cancelled.push(t.id);
        next.push({ id: subject.id, nextPlanOn: null });
        continue;
      }
      const input = { anchors: subject.anchors as JourneyAnchors, milestones: subject.milestones as JourneyMilestones };
      const cal = calendars.get(subject.companyId) as BusinessCalendar;
      const upcoming: string[] = [];
      for (const template of templatesOf.get(subject.companyId) ?? []) {
        if (!runs(subject, template)) {
          for (const t of own.values()) if (t.templateId === template.id && t.status === 'open') cancelled.push(t.id);
          continue;
        }
        const steps = template.steps.filter((s) => s.scope === subject.kind);
        for (const item of planJourney(steps, input, cal)) {
          if (!item.dueDate || !item.anchorUsed || !item.anchorDate) continue;
          const task = own.get(key(template.id, item.stepKey, item.occurrence));
          const step = steps.find((s) => s.key === item.stepKey) as JourneyStep;
          if (task) {
            if (
              task.status === 'open' &&
              task.templateVersion === template.version &&
              moveIfChanged(task, item, moves)
            ) {
              clockOf.set(task.id, { step, calendar: cal });
            }
            continue;
          }
          if (item.dueDate < subject.since) continue; // history when the journey started
          if (item.dueDate > horizonEnd) {
            upcoming.push(addDays(item.dueDate, -this.opts.horizonDays));
            continue;
          }
          const id = randomUUID();
          clockOf.set(id, { step, calendar: cal });
          created.push({
            id,
            subjectId: subject.id,
            subjectKind: subject.kind,
            companyId: subject.companyId,
            projectId: subject.projectId,
            orgPath: subject.orgPath,
            batchId: subject.batchId,
            unitId: subject.unitId,
            customerId: subject.customerId,
            templateId: template.id,
            templateVersion: template.version,
            stepKey: item.stepKey,
            occurrence: item.occurrence,
            nameZh: step.name.zh,
            nameEn: step.name.en,
            kind: step.kind,
            performer: step.performer,
            anchorUsed: item.anchorUsed,
            anchorDate: item.anchorDate,
            dueDate: item.dueDate,
            createdAt: now,
            updatedAt: now,
          });
        }
        // Open tasks of older versions follow their anchors by their own version's step.
        const older = [...own.values()].filter(
          (t) => t.status === 'open' && t.templateId === template.id && t.templateVersion !== template.version,
        );
        for (const version of new Set(older.map((t) => t.templateVersion))) {
          const oldSteps = (await stepsAt(template.id, version)).filter((s) => s.scope === subject.kind);
          for (const item of planJourney(oldSteps, input, cal)) {
            const task = own.get(key(template.id, item.stepKey, item.occurrence));
            const step = oldSteps.find((s) => s.key === item.stepKey) as JourneyStep;
            if (task?.status === 'open' && task.templateVersion === version && moveIfChanged(task, item, moves)) {
              clockOf.set(task.id, { step, calendar: cal });
            }
          }
        }
      }
      next.push({ id: subject.id, nextPlanOn: upcoming.length ? (upcoming.sort()[0] as string) : null });
    }

    const taskRepo = new JourneyTaskRepository(tx);
    const written = new Set<string>();
    for (let i = 0; i < created.length; i += INSERT_CHUNK) {
      for (const id of await taskRepo.insertMany(created.slice(i, i + INSERT_CHUNK))) written.add(id);
    }
    await taskRepo.move(moves, now);
    await taskRepo.cancel(cancelled, now);
    // Clocks: a moved task's clock starts again from its new date; a cancelled one's stops.
    await this.clocks.cancelMany(tx, JOURNEY_TASK_CLOCKS, [...moves.map((m) => m.id), ...cancelled], now);
    const started = [
      ...created.filter((t) => written.has(t.id)).map((t) => ({ id: t.id, orgPath: t.orgPath, dueDate: t.dueDate })),
      ...moves.map((m) => ({ id: m.id, orgPath: orgPathOf.get(m.id) as string, dueDate: m.dueDate })),
    ].map((task) => ({ task, ...(clockOf.get(task.id) as { step: JourneyStep; calendar: BusinessCalendar }) }));
    await startTaskClocks(tx, this.clocks, started);
    await new JourneySubjectRepository(tx).setNextPlanOn(next, now);
    return { subjects: subjects.length, created: written.size, moved: moves.length, cancelled: cancelled.length };
  }
}

/** Adds the move of an open task whose anchor or date changed; answers whether it did. */
function moveIfChanged(
  task: JourneyTaskRow,
  item: { dueDate: string | null; anchorUsed: string | null; anchorDate: string | null },
  moves: TaskMove[],
): boolean {
  if (!item.dueDate || !item.anchorUsed || !item.anchorDate) return false;
  if (task.dueDate === item.dueDate && task.anchorUsed === item.anchorUsed && task.anchorDate === item.anchorDate) {
    return false;
  }
  moves.push({ id: task.id, dueDate: item.dueDate, anchorUsed: item.anchorUsed, anchorDate: item.anchorDate });
  return true;
}
