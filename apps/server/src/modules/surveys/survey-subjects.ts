import type { SurveySubjectType } from '@anju/contracts/surveys';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { pathInScope } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { SurveyRequestRow } from './surveys.tables.js';

/** A request as other modules' handlers receive it. */
export type SurveyRequest = SurveyRequestRow;

/** Who and where a survey about a subject goes: the person, their home, its project and company, the service. */
export type SurveySubject = {
  customerId: string | null;
  unitId: string | null;
  projectId: string | null;
  companyId: string;
  orgPath: string;
  /** The service just received (repair, complaint, sales, handover…), stored with the answer. */
  service: string | null;
};

/** What an answer (or a given-up call) was, as the subject's module reacts to it. */
export type SurveyOutcome = {
  outcome: 'answered' | 'unanswered' | 'pending';
  method: string;
  score: number | null;
  comment: string | null;
};

/**
 * A kind of record surveys can be sent about, registered by the module that owns it at create time (tickets:
 * `ticket`). `describe` finds it within the reader's subtree (`scopePath` null: unscoped, for the answer's
 * `service`); `answerable` says a pending request on it may still be answered; `answered` runs in the answer's
 * transaction (a ticket's callback completes or reopens the ticket) — so a throw there writes nothing.
 */
export type SurveySubjectHandler = {
  type: SurveySubjectType;
  describe(db: Executor, scopePath: string | null, id: string): Promise<SurveySubject | null>;
  /** The person's own record: a callback on it is exempt from the 30-day rule. */
  ownRecordOf?(db: Executor, id: string): Promise<string | null>;
  answerable?(db: Executor, request: SurveyRequestRow): Promise<boolean>;
  answered?(tx: Tx, ctx: RequestContext | null, request: SurveyRequestRow, outcome: SurveyOutcome): Promise<void>;
};

/** The registry of subject kinds; the surveys module registers homes (units) and signed contracts (ownerships). */
export class SurveySubjects {
  private readonly handlers = new Map<string, SurveySubjectHandler>();

  register(handler: SurveySubjectHandler) {
    this.handlers.set(handler.type, handler);
  }

  get(type: string): SurveySubjectHandler | null {
    return this.handlers.get(type) ?? null;
  }
}

/** Homes and contracts, read through the customers module and placed with the org directory. */
export function homeSubjects(customers: CustomersModule, directory: OrgDirectory): SurveySubjectHandler[] {
  const place = async (
    db: Executor,
    scopePath: string | null,
    h: { customerId: string | null; unitId: string; projectId: string } | null,
    service: string | null,
  ): Promise<SurveySubject | null> => {
    if (!h) return null;
    const dir = directory.with(db);
    const project = await dir.node(h.projectId);
    if (!project || (scopePath !== null && !pathInScope(project.path, scopePath))) return null;
    const company = await dir.companyOf({ id: project.id, path: project.path });
    return {
      customerId: h.customerId,
      unitId: h.unitId,
      projectId: h.projectId,
      companyId: company?.id ?? project.id,
      orgPath: project.path,
      service,
    };
  };
  return [
    {
      type: 'unit',
      describe: async (db, scopePath, id) =>
        place(db, scopePath, await customers.read.householdOfUnit(id, db), 'handover'),
    },
    {
      type: 'ownership',
      describe: async (db, scopePath, id) =>
        place(db, scopePath, await customers.read.householdOfOwnership(id, db), 'sales'),
    },
  ];
}
