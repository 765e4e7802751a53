import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Executor, Tx } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { SurveyRepository, SurveyRequestRepository } from './survey.repository.js';
import type { SurveyAnswerService } from './survey-answers.service.js';
import { hashToken, linkDaysOf, newToken, settingsOf } from './survey-rules.js';
import type { SurveyRequestRow, SurveyRow } from './surveys.tables.js';

const DAY = 86_400_000;
/** The built-in repair callback (migration 0031): one 5-point question and a comment. */
export const REPAIR_CALLBACK = 'repair_callback';

export type CallbackSubject = {
  subjectType: string;
  subjectId: string;
  customerId: string | null;
  unitId: string | null;
  projectId: string | null;
  companyId: string;
  orgPath: string;
};

/** A callback's outcome as the tickets module records it (its old shape: a score and a comment). */
export type CallbackAnswer =
  | { outcome: 'answered'; method: string; score: number; comment?: string }
  | { outcome: 'unanswered'; method: string };

/**
 * The repair callback on the surveys model, for the tickets module: opened at close (with a one-use link when the
 * ticket has a phone), read back, cancelled on reopen or cancel, answered by score. Every write runs in the caller's
 * transaction, so the ticket's move and its callback commit together.
 */
export class SurveyCallbacks {
  constructor(
    private readonly clock: Clock,
    private readonly answers: SurveyAnswerService,
  ) {}

  private async repairSurvey(db: Executor): Promise<SurveyRow> {
    const survey = await new SurveyRepository(db).byCode(REPAIR_CALLBACK);
    if (!survey) throw new Error('the built-in repair_callback survey is missing (migration 0031)');
    return survey;
  }

  /** A pending callback about the subject; the token of its link when `link` (only the hash is stored). */
  async open(tx: Executor, subject: CallbackSubject, at: Date, link: boolean) {
    const survey = await this.repairSurvey(tx);
    const token = link ? newToken() : null;
    const [row] = await new SurveyRequestRepository(tx).insertMany([
      {
        ...subject,
        surveyId: survey.id,
        surveyVersion: survey.currentVersion,
        kind: REPAIR_CALLBACK,
        channel: token ? 'sms' : 'phone',
        tokenHash: token ? hashToken(token) : null,
        tokenExpiresAt: token ? new Date(at.getTime() + linkDaysOf(settingsOf(survey.settings)) * DAY) : null,
        createdAt: at,
      },
    ]);
    if (!row) throw new Error('callback insert returned nothing');
    return { id: row.id, token };
  }

  /** The callback that matters for a subject: a pending one, else the newest. */
  latest(db: Executor, subjectType: string, subjectId: string) {
    return new SurveyRequestRepository(db).latestFor(subjectType, subjectId, REPAIR_CALLBACK);
  }

  cancelPending(tx: Executor, subjectType: string, subjectId: string) {
    return new SurveyRequestRepository(tx).cancelPending(subjectType, subjectId);
  }

  /** A pending callback by its link's token, while the link lasts; null when unknown, used or expired. */
  async pendingByToken(db: Executor, token: string): Promise<SurveyRequestRow | null> {
    const row = await new SurveyRequestRepository(db).byTokenHash(hashToken(token));
    const live = row?.tokenExpiresAt && row.tokenExpiresAt.getTime() > this.clock.now().getTime();
    return row && row.status === 'pending' && live && row.kind === REPAIR_CALLBACK && !row.imported ? row : null;
  }

  /**
   * Records a score (1–5, with a comment) or an unanswered call on a pending callback, in the caller's transaction;
   * the subject's handler (tickets) reacts in it. `ctx` null: the owner themselves.
   */
  async record(tx: Tx, ctx: RequestContext | null, row: SurveyRequestRow, input: CallbackAnswer) {
    if (row.status !== 'pending' || row.imported) throw new AppError('CALLBACK_NOT_PENDING');
    return this.answers.apply(
      tx,
      ctx,
      row,
      input.outcome === 'answered'
        ? {
            outcome: 'answered',
            method: input.method,
            answers: [
              { key: 'overall', score: input.score },
              ...(input.comment ? [{ key: 'comment', text: input.comment }] : []),
            ],
            comment: input.comment ?? null,
          }
        : input,
    );
  }
}
