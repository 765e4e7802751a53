/** The events the surveys module publishes (subject: the survey request). */
export const SURVEY_EVENTS = {
  /** A person answered a survey or callback (by phone to an agent, by the SMS link, in the portal). */
  answered: 'survey.answered',
} as const;

export type SurveyAnswered = {
  customerId: string;
  kind: string;
  surveyId: string;
  /** The headline 1–5, when the survey has one. */
  score: number | null;
  method: string;
};
