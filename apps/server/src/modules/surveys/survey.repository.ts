import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/database.js';
import { withinScope } from '../../platform/rbac/scope.js';
import {
  type SurveyAnswerRow,
  type SurveyRequestRow,
  type SurveyRow,
  surveyAnswers,
  surveyRequests,
  surveys,
  surveyVersions,
} from './surveys.tables.js';

export type SurveyInsert = typeof surveys.$inferInsert;
export type SurveyRequestInsert = typeof surveyRequests.$inferInsert;
export type SurveyAnswerInsert = typeof surveyAnswers.$inferInsert;
/** What recording an answer or an attempt writes to the request. */
export type SurveyRecord = Partial<
  Pick<
    SurveyRequestRow,
    | 'status'
    | 'attempts'
    | 'method'
    | 'score'
    | 'comment'
    | 'recordedBy'
    | 'recordedAt'
    | 'stage'
    | 'service'
    | 'tokenHash'
    | 'tokenExpiresAt'
  >
>;
export type RequestFilter = {
  scopePath: string;
  kind?: string;
  status?: string;
  channel?: string;
  surveyId?: string;
  projectId?: string;
  from?: Date;
  to?: Date;
};

/** Survey definitions and their versions. */
export class SurveyRepository {
  constructor(private readonly db: Executor) {}

  /** Definitions a company sees: the group's and its own (every one for the group). */
  list(companyId: string | null) {
    return this.db
      .select()
      .from(surveys)
      .where(companyId ? or(isNull(surveys.companyId), eq(surveys.companyId, companyId)) : undefined)
      .orderBy(asc(surveys.code));
  }

  async byCode(code: string): Promise<SurveyRow | null> {
    const [row] = await this.db.select().from(surveys).where(eq(surveys.code, code));
    return row ?? null;
  }

  async byIds(ids: string[]): Promise<SurveyRow[]> {
    if (!ids.length) return [];
    return this.db.select().from(surveys).where(inArray(surveys.id, ids));
  }

  async insert(values: SurveyInsert): Promise<SurveyRow> {
    const [row] = await this.db.insert(surveys).values(values).returning();
    if (!row) throw new Error('survey insert returned nothing');
    return row;
  }

  /** Updates the definition at `version`; null when someone changed it first. */
  async update(id: string, version: number, set: Partial<SurveyInsert>): Promise<SurveyRow | null> {
    const [row] = await this.db
      .update(surveys)
      .set({ ...set, version: version + 1 })
      .where(and(eq(surveys.id, id), eq(surveys.version, version)))
      .returning();
    return row ?? null;
  }

  async addVersion(values: typeof surveyVersions.$inferInsert) {
    await this.db.insert(surveyVersions).values(values);
  }

  /** The questions of these (survey, version) pairs. */
  async questionsOf(pairs: { surveyId: string; version: number }[]): Promise<Map<string, unknown>> {
    if (!pairs.length) return new Map();
    const rows = await this.db
      .select()
      .from(surveyVersions)
      .where(
        or(...pairs.map((p) => and(eq(surveyVersions.surveyId, p.surveyId), eq(surveyVersions.version, p.version)))),
      );
    return new Map(rows.map((r) => [`${r.surveyId}:${r.version}`, r.questions]));
  }
}

/** Requests (one survey sent to one person about one subject) and their answers. */
export class SurveyRequestRepository {
  constructor(private readonly db: Executor) {}

  async insertMany(values: SurveyRequestInsert[]): Promise<SurveyRequestRow[]> {
    if (!values.length) return [];
    return this.db.insert(surveyRequests).values(values).returning();
  }

  /**
   * Marks up to `limit` pending SMS surveys whose link ran out as expired (repair callbacks stay pending: the ticket
   * page still records them by phone); answers how many.
   */
  async expireLinks(now: Date, limit: number): Promise<number> {
    const due = this.db
      .select({ id: surveyRequests.id })
      .from(surveyRequests)
      .where(
        and(
          eq(surveyRequests.status, 'pending'),
          eq(surveyRequests.channel, 'sms'),
          ne(surveyRequests.kind, 'repair_callback'),
          lt(surveyRequests.tokenExpiresAt, now),
        ),
      )
      .limit(limit);
    const rows = await this.db
      .update(surveyRequests)
      .set({ status: 'expired' })
      .where(and(inArray(surveyRequests.id, due), eq(surveyRequests.status, 'pending')))
      .returning({ id: surveyRequests.id });
    return rows.length;
  }

  async find(id: string): Promise<SurveyRequestRow | null> {
    const [row] = await this.db.select().from(surveyRequests).where(eq(surveyRequests.id, id));
    return row ?? null;
  }

  async findInScope(id: string, scopePath: string): Promise<SurveyRequestRow | null> {
    const [row] = await this.db
      .select()
      .from(surveyRequests)
      .where(and(eq(surveyRequests.id, id), withinScope(surveyRequests.orgPath, scopePath)));
    return row ?? null;
  }

  /** The status of each of these requests, by id. */
  async statusesOf(ids: string[]): Promise<{ id: string; status: string }[]> {
    if (ids.length === 0) return [];
    return this.db
      .select({ id: surveyRequests.id, status: surveyRequests.status })
      .from(surveyRequests)
      .where(inArray(surveyRequests.id, ids));
  }

  async byTokenHash(tokenHash: string): Promise<SurveyRequestRow | null> {
    const [row] = await this.db.select().from(surveyRequests).where(eq(surveyRequests.tokenHash, tokenHash));
    return row ?? null;
  }

  /** The request about a subject that matters: a pending one, else the newest. */
  async latestFor(subjectType: string, subjectId: string, kind: string): Promise<SurveyRequestRow | null> {
    const [row] = await this.db
      .select()
      .from(surveyRequests)
      .where(
        and(
          eq(surveyRequests.subjectId, subjectId),
          eq(surveyRequests.subjectType, subjectType),
          eq(surveyRequests.kind, kind),
        ),
      )
      .orderBy(sql`${surveyRequests.status} = 'pending' desc`, desc(surveyRequests.createdAt))
      .limit(1);
    return row ?? null;
  }

  /** Records on a request still pending at `attempts`; null when someone recorded it first. */
  async record(id: string, attempts: number, set: SurveyRecord): Promise<SurveyRequestRow | null> {
    const [row] = await this.db
      .update(surveyRequests)
      .set(set)
      .where(
        and(eq(surveyRequests.id, id), eq(surveyRequests.status, 'pending'), eq(surveyRequests.attempts, attempts)),
      )
      .returning();
    return row ?? null;
  }

  /** A new one-use link on a pending request (the old one stops working). */
  async setToken(id: string, tokenHash: string, expiresAt: Date): Promise<SurveyRequestRow | null> {
    const [row] = await this.db
      .update(surveyRequests)
      .set({ tokenHash, tokenExpiresAt: expiresAt })
      .where(and(eq(surveyRequests.id, id), eq(surveyRequests.status, 'pending')))
      .returning();
    return row ?? null;
  }

  async setChannel(id: string, channel: string): Promise<SurveyRequestRow | null> {
    const [row] = await this.db.update(surveyRequests).set({ channel }).where(eq(surveyRequests.id, id)).returning();
    return row ?? null;
  }

  async cancelPending(subjectType: string, subjectId: string) {
    await this.db
      .update(surveyRequests)
      .set({ status: 'cancelled' })
      .where(
        and(
          eq(surveyRequests.subjectId, subjectId),
          eq(surveyRequests.subjectType, subjectType),
          eq(surveyRequests.status, 'pending'),
        ),
      );
  }

  async insertAnswers(rows: SurveyAnswerInsert[]) {
    if (rows.length) await this.db.insert(surveyAnswers).values(rows);
  }

  answersOf(requestIds: string[]): Promise<SurveyAnswerRow[]> {
    if (!requestIds.length) return Promise.resolve([]);
    return this.db.select().from(surveyAnswers).where(inArray(surveyAnswers.requestId, requestIds));
  }

  /**
   * Of these people, those sent a survey since `since` (not cancelled; repair callbacks on their own tickets do not
   * count: they are the exception to the 30-day rule).
   */
  async surveyedSince(customerIds: string[], since: Date): Promise<Set<string>> {
    if (!customerIds.length) return new Set();
    const rows = await this.db
      .selectDistinct({ customerId: surveyRequests.customerId })
      .from(surveyRequests)
      .where(
        and(
          inArray(surveyRequests.customerId, customerIds),
          gte(surveyRequests.createdAt, since),
          ne(surveyRequests.status, 'cancelled'),
          ne(surveyRequests.kind, 'repair_callback'),
          eq(surveyRequests.imported, false),
        ),
      );
    return new Set(rows.map((r) => r.customerId as string));
  }

  /** A page of requests in the reader's subtree, newest first. */
  list(f: RequestFilter, cursor: { at: Date; id: string } | null, limit: number) {
    const where: (SQL | undefined)[] = [
      withinScope(surveyRequests.orgPath, f.scopePath),
      f.kind ? eq(surveyRequests.kind, f.kind) : undefined,
      f.status ? eq(surveyRequests.status, f.status) : undefined,
      f.channel ? eq(surveyRequests.channel, f.channel) : undefined,
      f.surveyId ? eq(surveyRequests.surveyId, f.surveyId) : undefined,
      f.projectId ? eq(surveyRequests.projectId, f.projectId) : undefined,
      f.from ? gte(surveyRequests.createdAt, f.from) : undefined,
      f.to ? lt(surveyRequests.createdAt, f.to) : undefined,
      cursor
        ? or(
            lt(surveyRequests.createdAt, cursor.at),
            and(eq(surveyRequests.createdAt, cursor.at), lt(surveyRequests.id, cursor.id)),
          )
        : undefined,
    ];
    return this.db
      .select()
      .from(surveyRequests)
      .where(and(...where))
      .orderBy(desc(surveyRequests.createdAt), desc(surveyRequests.id))
      .limit(limit + 1);
  }

  /** A person's own requests still open to answer (not imported), newest first. */
  pendingOf(customerId: string) {
    return this.db
      .select()
      .from(surveyRequests)
      .where(
        and(
          eq(surveyRequests.customerId, customerId),
          eq(surveyRequests.status, 'pending'),
          eq(surveyRequests.imported, false),
        ),
      )
      .orderBy(desc(surveyRequests.createdAt))
      .limit(50);
  }
}
