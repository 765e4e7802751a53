import type { Executor, Tx } from '../../../platform/db/database.js';
import type { ClockService } from '../../sla/clock.service.js';
import type { ClockSubject, ClockSubjectInfo } from '../../sla/clock-subjects.js';
import { DEFAULT_LADDER } from '../../sla/clock-times.js';
import { CaseRepository } from './case.repository.js';
import type { GroupCaseRow, GroupCaseTaskRow } from './case.tables.js';

/** A group case's tasks on SLA clocks: one per open task, node `task`, calendar time to its limit. */
export const CASE_TASK_CLOCKS = 'group_case_task';
const NODE = 'task';

/** Case tasks as the SLA module's clock subject: the task's owner hears of the warning and breach; escalation climbs. */
export function caseTaskClockSubject(): ClockSubject {
  const names = new WeakMap<ClockSubjectInfo, { number: string; task: string }>();
  return {
    type: CASE_TASK_CLOCKS,
    async describe(tx: Tx, ids: string[]) {
      const repo = new CaseRepository(tx);
      const tasks = (await repo.tasksByIds(ids)).filter((t) => t.status === 'open');
      const cases = new Map((await repo.byIds(tasks.map((t) => t.caseId))).map((c) => [c.id, c]));
      const found = new Map<string, ClockSubjectInfo>();
      for (const t of tasks) {
        const c = cases.get(t.caseId);
        if (c?.status !== 'open') continue;
        const info = {
          id: t.id,
          companyId: c.companyId,
          orgPath: c.orgPath,
          assigneeUserId: t.ownerUserId,
          title: `${c.number} ${t.title}`,
        };
        names.set(info, { number: c.number, task: t.title });
        found.set(t.id, info);
      }
      return found;
    },
    notice(subject, clock, step) {
      const n = names.get(subject) ?? { number: '', task: subject.title };
      const params = {
        number: n.number,
        task: n.task,
        due: clock.dueAt.toISOString().slice(0, 10),
        ...(step.kind === 'escalate' ? { level: step.level } : {}),
      };
      const titleZh =
        step.kind === 'warn'
          ? `群诉专案 ${n.number} 任务「${n.task}」即将到期`
          : step.kind === 'breach'
            ? `群诉专案 ${n.number} 任务「${n.task}」已超期`
            : `群诉专案 ${n.number} 任务「${n.task}」超期升级至第 ${step.level} 级`;
      return { kind: `group_case_task.${step.kind}` as const, params, titleZh, link: '/quality/cases' };
    },
    async record() {
      // a late task is its clock past due; the notices say the rest
    },
  };
}

export async function startTaskClock(
  db: Executor,
  clocks: ClockService,
  c: GroupCaseRow,
  task: GroupCaseTaskRow,
  at: Date,
) {
  const minutes = Math.max(1, Math.round((task.dueAt.getTime() - at.getTime()) / 60_000));
  await clocks.start(db, { type: CASE_TASK_CLOCKS, id: task.id, orgPath: c.orgPath, companyId: c.companyId }, [
    {
      node: NODE,
      startedAt: at,
      rule: { limitMinutes: minutes, mode: 'calendar', warnPercent: 80, ladder: DEFAULT_LADDER },
    },
  ]);
}

export const stopTaskClock = (db: Executor, clocks: ClockService, taskId: string, at: Date) =>
  clocks.stop(db, { type: CASE_TASK_CLOCKS, id: taskId }, [NODE], at);
