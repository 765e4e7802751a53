import type { SurveySubjectHandler } from '../surveys/survey-subjects.js';
import { JourneyTaskRepository } from './journey-task.repository.js';

/**
 * Journey tasks as a subject of the surveys module: a survey about a step of a household's journey (a handover
 * call, a move-in visit…) goes to the task's customer; the service received is the step's key.
 */
export function journeyTaskSurveySubject(): SurveySubjectHandler {
  return {
    type: 'journey_task',
    async describe(db, scopePath, id) {
      const task = await new JourneyTaskRepository(db).find(id, scopePath ?? '');
      if (!task?.customerId) return null;
      return {
        customerId: task.customerId,
        unitId: task.unitId,
        projectId: task.projectId,
        companyId: task.companyId,
        orgPath: task.orgPath,
        service: task.stepKey,
      };
    },
  };
}
