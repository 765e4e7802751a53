import type { Survey, SurveyForm, SurveyQuestion, SurveyRequest } from '@anju/contracts/surveys';
import type { SurveyWithQuestions } from './survey-definitions.service.js';
import { settingsOf } from './survey-rules.js';
import type { SurveyAnswerRow, SurveyRequestRow, SurveyRow } from './surveys.tables.js';

export function presentSurvey(s: SurveyWithQuestions): Survey {
  return {
    id: s.id,
    code: s.code,
    kind: s.kind as Survey['kind'],
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    companyId: s.companyId,
    active: s.active,
    currentVersion: s.currentVersion,
    settings: settingsOf(s.settings),
    questions: s.questions,
    version: s.version,
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function presentRequest(r: SurveyRequestRow, code: string, answers?: SurveyAnswerRow[]): SurveyRequest {
  return {
    id: r.id,
    surveyId: r.surveyId,
    surveyCode: code,
    surveyVersion: r.surveyVersion,
    kind: r.kind as SurveyRequest['kind'],
    subjectType: r.subjectType,
    subjectId: r.subjectId,
    customerId: r.customerId,
    unitId: r.unitId,
    projectId: r.projectId,
    channel: r.channel as SurveyRequest['channel'],
    status: r.status as SurveyRequest['status'],
    method: r.method,
    attempts: r.attempts,
    score: r.score,
    comment: r.comment,
    stage: r.stage as SurveyRequest['stage'],
    service: r.service,
    linkExpiresAt: r.tokenHash && r.tokenExpiresAt ? r.tokenExpiresAt.toISOString() : null,
    recordedAt: r.recordedAt?.toISOString() ?? null,
    imported: r.imported,
    createdAt: r.createdAt.toISOString(),
    ...(answers
      ? {
          answers: answers.map((a) => ({
            key: a.questionKey,
            dimension: a.dimension,
            score: a.score,
            choices: a.choices,
            text: a.text,
          })),
        }
      : {}),
  };
}

export function presentForm(f: {
  request: SurveyRequestRow;
  survey: SurveyRow;
  questions: SurveyQuestion[];
}): SurveyForm {
  return {
    id: f.request.id,
    kind: f.survey.kind as SurveyForm['kind'],
    nameZh: f.survey.nameZh,
    nameEn: f.survey.nameEn,
    questions: f.questions,
    status: f.request.status as SurveyForm['status'],
    createdAt: f.request.createdAt.toISOString(),
  };
}
