import type { COMPLAINT_CAUSES, TicketType } from '@anju/contracts';

/** The KPI fields of a ticket as a form holds them (TicketKpiFields.tsx). */
export interface KpiValues {
  leak?: boolean;
  drawingMismatch?: boolean;
  complaintCause?: (typeof COMPLAINT_CAUSES)[number] | null;
  responsibleOrgId?: string | null;
}

/** The KPI fields of a type, as the intake sends them: flags and contractor for repairs, the cause for complaints. */
export function kpiBody(type: TicketType, v: KpiValues) {
  if (type === 'complaint') return { complaintCause: v.complaintCause ?? undefined };
  if (type !== 'repair') return {};
  return {
    leak: Boolean(v.leak),
    drawingMismatch: Boolean(v.drawingMismatch),
    responsibleOrgId: v.responsibleOrgId || undefined,
  };
}
