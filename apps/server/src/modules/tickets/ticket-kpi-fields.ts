import type { CreateTicketBody, UpdateTicketBody } from '@anju/contracts';
import { AppError } from '../../platform/errors.js';
import { idsOfPath, type OrgDirectory } from '../org/org-directory.js';
import type { TicketRow } from './ticket.tables.js';

export type KpiFields = Pick<TicketRow, 'leak' | 'drawingMismatch' | 'complaintCause' | 'responsibleOrgId'>;
type KpiInput = Pick<CreateTicketBody, 'leak' | 'drawingMismatch'> &
  Pick<UpdateTicketBody, 'complaintCause' | 'responsibleOrgId'>;

const invalid = (field: string, reason: string) => new AppError('VALIDATION_FAILED', { field, reason });

/**
 * Checks the KPI fields of a ticket (at intake or edited later) against its type and company: the cause is for
 * complaints; leak, drawing mismatch and the responsible contractor for repairs; the contractor must be an active
 * contractor serving the ticket's city company (placed under it, or group-wide under one of its ancestors, as the
 * dispatch list has them). Answers the fields the input sets (absent ones are left out).
 */
export async function checkKpiFields(
  directory: OrgDirectory,
  t: { type: string; companyId: string },
  v: KpiInput,
): Promise<Partial<KpiFields>> {
  const out: Partial<KpiFields> = {};
  if (v.complaintCause !== undefined) {
    if (v.complaintCause !== null && t.type !== 'complaint') throw invalid('complaintCause', 'complaints only');
    out.complaintCause = v.complaintCause;
  }
  for (const field of ['leak', 'drawingMismatch'] as const) {
    if (v[field] === undefined) continue;
    if (v[field] && t.type !== 'repair') throw invalid(field, 'repairs only');
    out[field] = v[field];
  }
  if (v.responsibleOrgId !== undefined) {
    if (v.responsibleOrgId !== null) {
      if (t.type !== 'repair') throw invalid('responsibleOrgId', 'repairs only');
      const nodes = await directory.nodes([v.responsibleOrgId, t.companyId]);
      const org = nodes.get(v.responsibleOrgId);
      const company = nodes.get(t.companyId);
      const serves =
        !!org &&
        !!company &&
        org.active &&
        org.type === 'contractor' &&
        (org.path.startsWith(company.path) ||
          idsOfPath(company.path)
            .slice(0, -1)
            .includes(org.parentId ?? ''));
      if (!serves) throw invalid('responsibleOrgId', "a contractor serving the ticket's city company");
    }
    out.responsibleOrgId = v.responsibleOrgId;
  }
  return out;
}
