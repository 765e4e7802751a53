import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../platform/db/database.js';
import { surveyRequests, surveys } from '../surveys.tables.js';

/** History callbacks (issue 14 item 8): survey requests as they ended in the previous system, marked imported. */
export class CallbackHistoryRepository {
  constructor(private readonly db: Executor) {}

  async survey(code: string) {
    const [row] = await this.db
      .select({ id: surveys.id, version: surveys.currentVersion, kind: surveys.kind })
      .from(surveys)
      .where(eq(surveys.code, code));
    return row ?? null;
  }

  /** One imported callback per kind, subject and answer time: a re-import updates it. */
  async put(row: typeof surveyRequests.$inferInsert & { createdAt: Date }): Promise<'imported' | 'updated'> {
    const [existing] = await this.db
      .select({ id: surveyRequests.id })
      .from(surveyRequests)
      .where(
        and(
          eq(surveyRequests.kind, row.kind),
          eq(surveyRequests.subjectType, row.subjectType),
          row.subjectId ? eq(surveyRequests.subjectId, row.subjectId) : undefined,
          eq(surveyRequests.createdAt, row.createdAt),
          eq(surveyRequests.imported, true),
        ),
      )
      .limit(1);
    if (!existing) {
      await this.db.insert(surveyRequests).values(row);
      return 'imported';
    }
    const { status, score, attempts, comment, recordedAt, method } = row;
    await this.db
      .update(surveyRequests)
      .set({ status, score, attempts, comment, recordedAt, method })
      .where(eq(surveyRequests.id, existing.id));
    return 'updated';
  }
}
