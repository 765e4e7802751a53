import type { MyServiceRequest, Service, ServiceRequestDetail, ServiceStepRole } from '@anju/contracts/services';
import type { ServiceRequestView } from './service-requests.service.js';
import type { ServiceDefinitionRow, ServiceRequestStepRow } from './services.tables.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Row → API shape (rows are never returned as they are). */
export const presentService = (d: ServiceDefinitionRow): Service => ({
  id: d.id,
  code: d.code,
  nameZh: d.nameZh,
  nameEn: d.nameEn,
  descriptionZh: d.descriptionZh,
  descriptionEn: d.descriptionEn,
  availability: d.availability as Service['availability'],
  projectIds: d.projectIds,
  productTypes: d.productTypes,
  feeFen: d.feeFen,
  feeTextZh: d.feeTextZh,
  feeTextEn: d.feeTextEn,
  membersOnly: d.membersOnly,
  active: d.active,
  steps: d.steps.map((s) => ({ ...s, role: s.role as ServiceStepRole })),
  callbackSurvey: d.callbackSurvey,
  sortOrder: d.sortOrder,
  version: d.version,
  updatedAt: d.updatedAt.toISOString(),
});

const callbackOf = (v: ServiceRequestView) => {
  if (!v.row.callbackRequestId) return 'none' as const;
  if (v.callbackStatus === 'answered') return 'answered' as const;
  return v.callbackStatus === 'pending' || v.callbackStatus === null ? ('pending' as const) : ('closed' as const);
};

/** A request with its steps, for staff. */
export function presentRequest(v: ServiceRequestView): ServiceRequestDetail {
  const r = v.row;
  return {
    id: r.id,
    number: r.number,
    serviceId: r.serviceId,
    serviceCode: r.serviceCode,
    serviceNameZh: r.serviceNameZh,
    serviceNameEn: r.serviceNameEn,
    customerId: r.customerId,
    customerName: v.customerName,
    unitId: r.unitId,
    unitCode: v.unitCode,
    projectId: r.projectId,
    projectName: v.projectName,
    channel: r.channel as ServiceRequestDetail['channel'],
    note: r.note,
    status: r.status as ServiceRequestDetail['status'],
    currentStep: r.currentStep,
    stepCount: r.stepCount,
    feeFen: r.feeFen,
    createdAt: r.createdAt.toISOString(),
    doneAt: iso(r.doneAt),
    cancelledAt: iso(r.cancelledAt),
    cancelReason: r.cancelReason,
    rating: r.rating,
    ratingComment: r.ratingComment,
    callback: callbackOf(v),
    version: r.version,
    steps: v.steps.map((s) => ({
      seq: s.seq,
      key: s.key,
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      ownerTextZh: s.ownerTextZh,
      ownerTextEn: s.ownerTextEn,
      role: s.role as ServiceStepRole,
      limitDays: s.limitDays,
      status: s.status as ServiceRequestDetail['steps'][number]['status'],
      startedAt: iso(s.startedAt),
      doneAt: iso(s.doneAt),
      doneByName: s.doneByName,
      note: s.note,
      ownerNote: s.ownerNote,
      dueAt: s.status === 'active' ? iso(v.dueAt) : null,
    })),
  };
}

const stateOf = (s: ServiceRequestStepRow): MyServiceRequest['steps'][number]['state'] =>
  s.status === 'done'
    ? 'done'
    : s.status === 'active'
      ? 'in_progress'
      : s.status === 'cancelled'
        ? 'cancelled'
        : 'to_come';

/** One of my requests in owner words: staff's internal notes stay out, only the owner note shows. */
export function presentMyRequest(v: ServiceRequestView): MyServiceRequest {
  const r = v.row;
  return {
    id: r.id,
    number: r.number,
    serviceNameZh: r.serviceNameZh,
    serviceNameEn: r.serviceNameEn,
    unitCode: v.unitCode,
    status: r.status as MyServiceRequest['status'],
    createdAt: r.createdAt.toISOString(),
    doneAt: iso(r.doneAt),
    cancelReason: r.cancelReason,
    rating: r.rating,
    ratingComment: r.ratingComment,
    canCancel: r.status === 'open',
    canRate: r.status === 'done' && r.rating === null,
    steps: v.steps.map((s) => ({
      nameZh: s.nameZh,
      nameEn: s.nameEn,
      ownerTextZh: s.ownerTextZh,
      ownerTextEn: s.ownerTextEn,
      state: stateOf(s),
      doneAt: iso(s.doneAt),
      ownerNote: s.ownerNote,
    })),
  };
}
