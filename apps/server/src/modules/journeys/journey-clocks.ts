import type { JourneyStep } from '@anju/contracts/journeys';
import type { Executor, Tx } from '../../platform/db/database.js';
import type { ClockService } from '../sla/clock.service.js';
import type { ClockSubject, ClockSubjectInfo } from '../sla/clock-subjects.js';
import { DEFAULT_LADDER } from '../sla/clock-times.js';
import type { BusinessCalendar } from '../sla/working-time.js';
import type { JourneyTaskRow } from './journey.tables.js';
import { JourneyTaskRepository } from './journey-task.repository.js';

/** Clocks of journey tasks: one per task, node `task`, counting working time from the due date's start. */
export const JOURNEY_TASK_CLOCKS = 'journey_task';
const NODE = 'task';
const WORKING_DAY_MINUTES = 8 * 60;

/** When a task's clock starts: the beginning of its due date, China time. */
const startOf = (dueDate: string) => new Date(`${dueDate}T00:00:00+08:00`);

/**
 * Journey tasks as the SLA module's clock subject: a task not done within its step's limit (working days from the
 * due date) warns, breaches and escalates up the project's branch exactly like a ticket node; nobody is assigned a
 * task yet, so its warning goes to the ladder's first level (the project's CR staff).
 */
export function journeyTaskClockSubject(): ClockSubject {
  // the English name each notice needs, keyed by the info object a sweep hands back (no state shared between sweeps)
  const namesEn = new WeakMap<ClockSubjectInfo, string>();
  return {
    type: JOURNEY_TASK_CLOCKS,
    async describe(tx: Tx, ids: string[]) {
      const found = new Map<string, ClockSubjectInfo>();
      for (const task of await new JourneyTaskRepository(tx).findMany(ids)) {
        if (task.status !== 'open') continue;
        const info = {
          id: task.id,
          companyId: task.companyId,
          orgPath: task.orgPath,
          assigneeUserId: null,
          title: task.nameZh,
        };
        namesEn.set(info, task.nameEn);
        found.set(task.id, info);
      }
      return found;
    },
    notice(subject, clock, step) {
      const kind = `journey_task.${step.kind}` as const;
      const due = clock.dueAt.toISOString().slice(0, 10);
      const params = {
        nameZh: subject.title,
        nameEn: namesEn.get(subject) ?? subject.title,
        due,
        ...(step.kind === 'escalate' ? { level: step.level } : {}),
      };
      const titleZh =
        step.kind === 'warn'
          ? `旅程任务「${subject.title}」即将超期`
          : step.kind === 'breach'
            ? `旅程任务「${subject.title}」已超期`
            : `旅程任务「${subject.title}」超期升级至第 ${step.level} 级`;
      return { kind, params, titleZh, link: `/journey-tasks?task=${subject.id}` };
    },
    async record() {
      // A task's own record of lateness is its open status past its due date; the notices say the rest.
    },
  };
}

/** Clock rows for new tasks, written with one insert. */
export async function startTaskClocks(
  db: Executor,
  clocks: ClockService,
  tasks: { task: Pick<JourneyTaskRow, 'id' | 'orgPath' | 'dueDate'>; step: JourneyStep; calendar: BusinessCalendar }[],
) {
  const rows = tasks.flatMap(({ task, step, calendar }) =>
    clocks.rows({ type: JOURNEY_TASK_CLOCKS, id: task.id, orgPath: task.orgPath }, calendar, [
      {
        node: NODE,
        startedAt: startOf(task.dueDate),
        rule: {
          limitMinutes: step.limitWorkingDays * WORKING_DAY_MINUTES,
          mode: 'working',
          warnPercent: 80,
          ladder: DEFAULT_LADDER,
        },
      },
    ]),
  );
  if (rows.length) await clocks.write(db, rows);
}
