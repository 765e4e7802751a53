import type { FindingSeverity } from '@anju/contracts/acceptance';
import type { Executor, Tx } from '../../../platform/db/database.js';
import { OrgDirectory } from '../../org/org-directory.js';
import type { ClockService } from '../../sla/clock.service.js';
import type { ClockSubject, ClockSubjectInfo } from '../../sla/clock-subjects.js';
import { DEFAULT_LADDER } from '../../sla/clock-times.js';
import type { BusinessCalendar } from '../../sla/working-time.js';
import type { AcceptanceFindingRow } from '../handover/handover.tables.js';
import { AcceptanceRepository } from './acceptance.repository.js';

export const ACCEPTANCE_FINDING_CLOCKS = 'acceptance_finding';
const NODE = 'rectification';
const WORKING_DAY_MINUTES = 8 * 60;
/** Working days a contractor has to rectify a finding before it warns and escalates. */
export const RECTIFICATION_WORKING_DAYS: Record<FindingSeverity, number> = { blocking: 3, normal: 10 };

/**
 * Simulated-acceptance findings as the SLA module's clock subject: one clock per finding from the moment it is
 * recorded until staff verify the fix; late ones warn, breach and escalate up the project's branch.
 */
export function acceptanceFindingClockSubject(): ClockSubject {
  return {
    type: ACCEPTANCE_FINDING_CLOCKS,
    async describe(tx: Tx, ids: string[]) {
      const found = new Map<string, ClockSubjectInfo>();
      const open = (await new AcceptanceRepository(tx).findMany(ids)).filter((f) => f.status !== 'verified');
      const directory = new OrgDirectory(tx);
      const companyOf = new Map<string, string>();
      for (const projectId of new Set(open.map((f) => f.projectId))) {
        companyOf.set(projectId, (await directory.companyOf(projectId))?.id ?? '');
      }
      for (const f of open) {
        found.set(f.id, {
          id: f.id,
          companyId: companyOf.get(f.projectId) ?? '',
          orgPath: f.orgPath,
          assigneeUserId: null,
          title: f.description,
        });
      }
      return found;
    },
    notice(subject, clock, step) {
      const kind = `acceptance_finding.${step.kind}` as const;
      const params = {
        description: subject.title,
        due: clock.dueAt.toISOString().slice(0, 10),
        ...(step.kind === 'escalate' ? { level: step.level } : {}),
      };
      const titleZh =
        step.kind === 'warn'
          ? `模拟验收问题「${subject.title}」整改即将超期`
          : step.kind === 'breach'
            ? `模拟验收问题「${subject.title}」整改已超期`
            : `模拟验收问题「${subject.title}」整改超期升级至第 ${step.level} 级`;
      return { kind, params, titleZh, link: `/acceptance?finding=${subject.id}` };
    },
    async record() {
      // A finding's lateness is its due time against now; the notices say the rest.
    },
  };
}

/** The clock row of a new finding, and when it is due. */
export function findingClock(
  clocks: ClockService,
  finding: Pick<AcceptanceFindingRow, 'id' | 'orgPath' | 'severity'>,
  calendar: BusinessCalendar,
  at: Date,
) {
  const rows = clocks.rows({ type: ACCEPTANCE_FINDING_CLOCKS, id: finding.id, orgPath: finding.orgPath }, calendar, [
    {
      node: NODE,
      startedAt: at,
      rule: {
        limitMinutes: RECTIFICATION_WORKING_DAYS[finding.severity as FindingSeverity] * WORKING_DAY_MINUTES,
        mode: 'working',
        warnPercent: 80,
        ladder: DEFAULT_LADDER,
      },
    },
  ]);
  return { rows, dueAt: rows[0]?.dueAt as Date };
}

export const stopFindingClock = (db: Executor, clocks: ClockService, id: string, at: Date) =>
  clocks.stop(db, { type: ACCEPTANCE_FINDING_CLOCKS, id }, [NODE], at);
