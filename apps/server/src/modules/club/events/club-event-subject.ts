import type { Executor } from '../../../platform/db/database.js';
import { pathInScope } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import type { SurveySubjectHandler } from '../../surveys/survey-subjects.js';
import { ClubEventRepository } from './club-event.repository.js';

/**
 * An attendee's registration as the subject of a survey (type `event`): the person, the event's project and company.
 * It is the person's own record, so the 30-day rule does not stop the callback.
 */
export function clubEventSurveySubject(directory: OrgDirectory): SurveySubjectHandler {
  const registrationOf = async (db: Executor, id: string) => {
    const repo = new ClubEventRepository(db);
    const r = await repo.registration(id);
    const [event] = r ? await repo.byIds([r.eventId]) : [];
    return r && event ? { r, event } : null;
  };
  return {
    type: 'event',
    async describe(db, scopePath, id) {
      const found = await registrationOf(db, id);
      if (!found || (scopePath !== null && !pathInScope(found.event.orgPath, scopePath))) return null;
      const { r, event } = found;
      const company = await directory.with(db).companyOf({ id: event.orgUnitId, path: event.orgPath });
      return {
        customerId: r.customerId,
        unitId: null,
        projectId: event.projectId,
        companyId: company?.id ?? event.orgUnitId,
        orgPath: event.orgPath,
        service: 'event',
      };
    },
    async ownRecordOf(db, id) {
      return (await new ClubEventRepository(db).registration(id))?.customerId ?? null;
    },
  };
}
