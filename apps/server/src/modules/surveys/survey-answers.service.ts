import type {
  AnswerSurveyBody,
  RecordSurveyAnswerBody,
  SurveyAnswerInput,
  SurveyQuestion,
} from '@anju/contracts/surveys';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { CustomersModule } from '../customers/customers.module.js';
import { SURVEY_EVENTS, type SurveyAnswered } from './survey.events.js';
import { SurveyRepository, SurveyRequestRepository } from './survey.repository.js';
import { checkAnswers, hashToken, maxAttemptsOf, settingsOf, stageOn } from './survey-rules.js';
import type { SurveySubjects } from './survey-subjects.js';
import type { SurveyRequestRow, SurveyRow } from './surveys.tables.js';

/** An answer as the surveys module records it: the answers (and comment), or a call not answered. */
export type AnswerInput =
  | { outcome: 'answered'; method: string; answers: SurveyAnswerInput[]; comment?: string | null }
  | { outcome: 'unanswered'; method: string };

const SERVICE_OF_KIND: Record<string, string | null> = {
  repair_callback: 'repair',
  sales_callback: 'sales',
  design_callback: 'handover',
  journey_task: 'journey',
  service: 'service',
  event: 'event',
  annual: null,
  general: null,
};

/**
 * Recording answers: an agent by phone (or a call not answered), the respondent through the one-use link, or the
 * owner in the portal. The answer is checked against the questions of the version sent, stored with the
 * respondent's journey stage and the service just received, and the subject's module reacts in the same
 * transaction (a ticket's callback of 1–2 reopens the ticket). Imported requests never change.
 */
export class SurveyAnswerService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly customers: CustomersModule,
    private readonly subjects: SurveySubjects,
    private readonly events: EventBus,
  ) {}

  /** The agent's call on a request in their subtree. */
  async record(ctx: RequestContext, id: string, body: RecordSurveyAnswerBody) {
    assertPermission(ctx.principal, 'callbacks.record');
    return this.db.transaction(async (tx) => {
      const row = await new SurveyRequestRepository(tx).findInScope(id, ctx.principal.orgPath);
      if (!row) throw new AppError('SURVEY_REQUEST_NOT_FOUND');
      await this.assertAnswerable(tx, row);
      const input: AnswerInput =
        body.outcome === 'answered'
          ? { outcome: 'answered', method: 'phone', answers: body.answers, comment: body.comment }
          : { outcome: 'unanswered', method: 'phone' };
      return this.apply(tx, ctx, row, input);
    });
  }

  /**
   * The pending request behind a link: unknown, expired, cancelled or given up → SURVEY_LINK_INVALID, with
   * `details.reason` (`answered`, `expired`, `invalid`) so the link's page can say which.
   */
  async byToken(db: Executor, token: string, answering: boolean) {
    const row = await new SurveyRequestRepository(db).byTokenHash(hashToken(token));
    if (row?.status === 'answered' && answering) throw new AppError('SURVEY_ALREADY_ANSWERED');
    const gone = (reason: 'answered' | 'expired' | 'invalid') => new AppError('SURVEY_LINK_INVALID', { reason });
    if (!row || row.imported) throw gone('invalid');
    if (row.status === 'answered') throw gone('answered');
    const live = row.tokenExpiresAt && row.tokenExpiresAt.getTime() > this.clock.now().getTime();
    if (row.status === 'expired' || (row.status === 'pending' && !live)) throw gone('expired');
    if (row.status !== 'pending') throw gone('invalid');
    const handler = this.subjects.get(row.subjectType);
    if (handler?.answerable && !(await handler.answerable(db, row))) throw gone('invalid');
    return row;
  }

  /** What the link shows: the survey's name and the questions of the version sent. */
  async linkForm(token: string) {
    const row = await this.byToken(this.db, token, false);
    return this.form(this.db, row);
  }

  async form(db: Executor, row: SurveyRequestRow) {
    const [survey] = await new SurveyRepository(db).byIds([row.surveyId]);
    const questions = await this.questionsOf(db, row);
    if (!survey) throw new AppError('SURVEY_NOT_FOUND');
    return { request: row, survey, questions };
  }

  async answerLink(token: string, body: AnswerSurveyBody) {
    return this.db.transaction(async (tx) => {
      const row = await this.byToken(tx, token, true);
      return this.apply(tx, null, row, { outcome: 'answered', method: 'sms_link', ...body });
    });
  }

  /** The owner's own pending requests (the portal lists them with their questions). */
  async mine(customerId: string) {
    const rows = await new SurveyRequestRepository(this.db).pendingOf(customerId);
    return Promise.all(rows.map((r) => this.form(this.db, r)));
  }

  /** The owner answers one of their own requests in the portal; another's is not found. */
  async answerMine(customerId: string, id: string, body: AnswerSurveyBody) {
    return this.db.transaction(async (tx) => {
      const row = await new SurveyRequestRepository(tx).find(id);
      if (!row || row.customerId !== customerId || row.imported) throw new AppError('SURVEY_REQUEST_NOT_FOUND');
      await this.assertAnswerable(tx, row);
      return this.apply(tx, null, row, { outcome: 'answered', method: 'portal', ...body });
    });
  }

  private async assertAnswerable(db: Executor, row: SurveyRequestRow) {
    if (row.status === 'answered') throw new AppError('SURVEY_ALREADY_ANSWERED');
    if (row.status !== 'pending' || row.imported) throw new AppError('SURVEY_NOT_PENDING');
    const handler = this.subjects.get(row.subjectType);
    if (handler?.answerable && !(await handler.answerable(db, row))) throw new AppError('SURVEY_NOT_PENDING');
  }

  private async questionsOf(db: Executor, row: SurveyRequestRow): Promise<SurveyQuestion[]> {
    const pair = { surveyId: row.surveyId, version: row.surveyVersion };
    return ((await new SurveyRepository(db).questionsOf([pair])).get(`${row.surveyId}:${row.surveyVersion}`) ??
      []) as SurveyQuestion[];
  }

  /**
   * Records in the caller's transaction (the tickets' callback calls this too): claims the request at its attempts
   * (a second writer gets VERSION_CONFLICT), writes the answers, and lets the subject's module react. `ctx` null: the
   * respondent themselves (link, portal).
   */
  async apply(tx: Tx, ctx: RequestContext | null, row: SurveyRequestRow, input: AnswerInput) {
    if (row.imported) throw new AppError('SURVEY_NOT_PENDING');
    const [survey] = await new SurveyRepository(tx).byIds([row.surveyId]);
    if (!survey) throw new AppError('SURVEY_NOT_FOUND');
    const now = this.clock.now();
    const attempts = row.attempts + 1;
    const answered = input.outcome === 'answered';
    const checked = answered ? checkAnswers(await this.questionsOf(tx, row), input.answers) : null;
    const giveUp = !answered && attempts >= maxAttemptsOf(settingsOf(survey.settings));
    const status = answered ? 'answered' : giveUp ? 'unanswered' : 'pending';
    const comment = answered ? input.comment || commentOf(checked?.rows ?? []) : null;
    const claimed = await new SurveyRequestRepository(tx).record(row.id, row.attempts, {
      status,
      attempts,
      method: input.method,
      score: checked?.headline ?? null,
      comment,
      recordedBy: ctx?.principal.actor === 'staff' ? ctx.principal.userId : null,
      recordedAt: now,
      ...(answered ? await this.context(tx, row, survey, now) : {}),
      // a link works once: an answered request keeps its hash only to tell a second answer apart
      ...(status === 'pending' || status === 'answered' ? {} : { tokenHash: null }),
    });
    if (!claimed) throw new AppError('VERSION_CONFLICT');
    if (checked) {
      await new SurveyRequestRepository(tx).insertAnswers(checked.rows.map((r) => ({ ...r, requestId: row.id })));
    }
    if (status === 'answered' && row.customerId) {
      const payload: SurveyAnswered = {
        customerId: row.customerId,
        kind: row.kind,
        surveyId: row.surveyId,
        score: claimed.score,
        method: input.method,
      };
      const respondent = { kind: 'owner' as const, id: row.customerId, name: '' };
      await this.events.record(tx, ctx ?? respondent, [
        {
          name: SURVEY_EVENTS.answered,
          subjectType: 'survey_request',
          subjectId: row.id,
          orgPath: row.orgPath,
          payload,
        },
      ]);
    }
    const handler = this.subjects.get(row.subjectType);
    if (handler?.answered && row.kind === 'repair_callback') {
      await handler.answered(tx, ctx, claimed, {
        outcome: status,
        method: input.method,
        score: claimed.score,
        comment,
      });
    } else {
      await this.audit.record(tx, ctx ?? { principal: null, ip: null, requestId: `survey:${row.id}` }, {
        action: 'survey.answer',
        entityType: 'survey_request',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { status, attempts, score: claimed.score, method: input.method },
      });
    }
    return claimed;
  }

  /** The respondent's journey stage today and the service just received. */
  private async context(tx: Tx, row: SurveyRequestRow, survey: SurveyRow, now: Date) {
    const dates = row.customerId ? await this.customers.read.homeDatesOf(row.customerId, row.unitId, tx) : null;
    const handler = this.subjects.get(row.subjectType);
    const subject = handler && row.subjectId ? await handler.describe(tx, null, row.subjectId) : null;
    return { stage: stageOn(now, dates), service: subject?.service ?? SERVICE_OF_KIND[survey.kind] ?? null };
  }
}

const commentOf = (rows: { questionKey: string; text: string | null }[]) =>
  rows.find((r) => r.questionKey === 'comment')?.text || null;
