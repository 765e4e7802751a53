import type { Executor, Tx } from '../../platform/db/database.js';
import { pathInScope } from '../../platform/rbac/scope.js';
import type { ClockService } from '../sla/clock.service.js';
import type { ClockSubject, ClockSubjectInfo } from '../sla/clock-subjects.js';
import { DEFAULT_LADDER } from '../sla/clock-times.js';
import type { SurveySubjectHandler } from '../surveys/survey-subjects.js';
import { ServicesRepository } from './services.repository.js';
import type { ServiceRequestRow, ServiceRequestStepRow } from './services.tables.js';

/** Clocks of service requests: one per running step, node `step`, in working time on the company's calendar. */
export const SERVICE_REQUEST_CLOCKS = 'service_request';
const NODE = 'step';
const WORKING_DAY_MINUTES = 8 * 60;

/**
 * Service requests as the SLA module's clock subject: a step not done within its limit warns, breaches and
 * escalates up the project's branch like a journey task; nobody is assigned a request, so warnings go to the
 * ladder's first level.
 */
export function serviceRequestClockSubject(): ClockSubject {
  const stepNames = new WeakMap<ClockSubjectInfo, { zh: string; en: string; number: string }>();
  return {
    type: SERVICE_REQUEST_CLOCKS,
    async describe(tx: Tx, ids: string[]) {
      const repo = new ServicesRepository(tx);
      const open = (await repo.requestsByIds(ids)).filter((r) => r.status === 'open');
      const steps = await repo.steps(open.map((r) => r.id));
      const found = new Map<string, ClockSubjectInfo>();
      for (const r of open) {
        const step = steps.find((s) => s.requestId === r.id && s.seq === r.currentStep);
        const info = {
          id: r.id,
          companyId: r.companyId,
          orgPath: r.orgPath,
          assigneeUserId: null,
          title: `${r.number} ${r.serviceNameZh}：${step?.nameZh ?? ''}`,
        };
        stepNames.set(info, { zh: step?.nameZh ?? '', en: step?.nameEn ?? '', number: r.number });
        found.set(r.id, info);
      }
      return found;
    },
    notice(subject, clock, step) {
      const kind = `service_request.${step.kind}` as const;
      const names = stepNames.get(subject) ?? { zh: subject.title, en: subject.title, number: '' };
      const params = {
        number: names.number,
        stepZh: names.zh,
        stepEn: names.en,
        due: clock.dueAt.toISOString().slice(0, 10),
        ...(step.kind === 'escalate' ? { level: step.level } : {}),
      };
      const titleZh =
        step.kind === 'warn'
          ? `服务预约 ${names.number}「${names.zh}」即将超期`
          : step.kind === 'breach'
            ? `服务预约 ${names.number}「${names.zh}」已超期`
            : `服务预约 ${names.number}「${names.zh}」超期升级至第 ${step.level} 级`;
      return { kind, params, titleZh, link: `/service-requests?request=${subject.id}` };
    },
    async record() {
      // a late step is its clock past due; the notices say the rest
    },
  };
}

/** Starts the clock of a step that just started. */
export async function startStepClock(
  db: Executor,
  clocks: ClockService,
  request: Pick<ServiceRequestRow, 'id' | 'orgPath' | 'companyId'>,
  step: Pick<ServiceRequestStepRow, 'limitDays'>,
  at: Date,
) {
  await clocks.start(
    db,
    { type: SERVICE_REQUEST_CLOCKS, id: request.id, orgPath: request.orgPath, companyId: request.companyId },
    [
      {
        node: NODE,
        startedAt: at,
        rule: {
          limitMinutes: step.limitDays * WORKING_DAY_MINUTES,
          mode: 'working',
          warnPercent: 80,
          ladder: DEFAULT_LADDER,
        },
      },
    ],
  );
}

export async function stopStepClock(db: Executor, clocks: ClockService, requestId: string, at: Date) {
  await clocks.stop(db, { type: SERVICE_REQUEST_CLOCKS, id: requestId }, [NODE], at);
}

/**
 * A service request as the subject of its callback survey (type `service`): the customer, the home, its project and
 * company. The request is the customer's own record, so the 30-day rule does not stop the callback.
 */
export function serviceSurveySubject(): SurveySubjectHandler {
  return {
    type: 'service',
    async describe(db, scopePath, id) {
      const r = await new ServicesRepository(db).request(id);
      if (!r || (scopePath !== null && !pathInScope(r.orgPath, scopePath))) return null;
      return {
        customerId: r.customerId,
        unitId: r.unitId,
        projectId: r.projectId,
        companyId: r.companyId,
        orgPath: r.orgPath,
        service: r.serviceCode,
      };
    },
    async ownRecordOf(db, id) {
      return (await new ServicesRepository(db).request(id))?.customerId ?? null;
    },
  };
}
