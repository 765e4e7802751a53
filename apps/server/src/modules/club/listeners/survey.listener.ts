import type { Listener } from '../../../platform/events/event-bus.js';
import type { SurveyAnswered } from '../../surveys/survey.events.js';
import { ClubRepository } from '../club.repository.js';
import type { PointsService } from '../points.service.js';

/**
 * A survey or callback answered (`survey.answered`, surveys module): a club member earns the `survey_answered` rule
 * once per request (key `survey_answered:<requestId>`). People outside the club earn nothing.
 */
export const surveyListener = (points: PointsService): Listener<SurveyAnswered> => ({
  name: 'club.survey',
  on: ['survey.answered'],
  async handle(event, { tx }) {
    const member = await new ClubRepository(tx).memberOfCustomer(event.payload.customerId);
    if (member) await points.earn(member.id, 'survey_answered', event.subjectId, { tx, actor: event.actor });
  },
});
