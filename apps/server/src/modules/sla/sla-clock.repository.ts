import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../platform/db/database.js';
import { statement } from '../../platform/db/statement.js';
import { columnList } from '../../platform/db/table-rows.js';
import {
  type ClockPatch,
  clockWriter,
  type NewSlaClock,
  PATCH_ASSIGNMENTS,
  readClock,
  type SlaClockRow,
} from './clock-rows.js';
import { OUTCOME_SQL } from './clock-times.js';
import { businessCalendars, slaClocks } from './sla.tables.js';

const insertClocks = statement<Record<string, unknown>>(
  'sla_clocks_insert',
  `insert into sla_clocks (${clockWriter.columns})
   select ${clockWriter.columns} from json_populate_recordset(null::sla_clocks, $1::json)
   returning ${columnList(slaClocks, 'sla_clocks')}`,
);

export type SweepUpdate = {
  id: string;
  warned_at: Date | null;
  breached_at: Date | null;
  escalation_level: number;
  next_check_at: Date | null;
};

/** Every query on clocks and business calendars. */
export class SlaClockRepository {
  constructor(private readonly db: Executor) {}

  async insert(rows: NewSlaClock[]): Promise<SlaClockRow[]> {
    if (rows.length === 0) return [];
    return (await insertClocks(this.db, [JSON.stringify(rows.map(clockWriter.row))])).map(readClock);
  }

  /** Stops the open clocks of these nodes of a subject (of one part, when given) at `at`. */
  /**
   * History from another system (issue 14 item 8): clocks as they ran there, replacing a clock imported earlier with
   * the same subject, node, part and start. They never warn or escalate (no next check).
   */
  async putImported(row: NewSlaClock & { startedAt: Date }) {
    const part = row.partId ? eq(slaClocks.partId, row.partId) : isNull(slaClocks.partId);
    await this.db
      .delete(slaClocks)
      .where(
        and(
          eq(slaClocks.subjectType, row.subjectType),
          eq(slaClocks.subjectId, row.subjectId),
          eq(slaClocks.node, row.node),
          eq(slaClocks.startedAt, row.startedAt),
          part,
        ),
      );
    await this.db.insert(slaClocks).values({ ...row, nextCheckAt: null });
  }

  async stop(subjectType: string, subjectId: string, nodes: string[], at: Date, partId?: string) {
    await this.db
      .update(slaClocks)
      .set({
        stoppedAt: at,
        nextCheckAt: null,
        outcome: sql.raw(OUTCOME_SQL('sla_clocks', 'sla_clocks.due_at', `'${at.toISOString()}'::timestamptz`)),
      })
      .where(
        and(
          eq(slaClocks.subjectType, subjectType),
          eq(slaClocks.subjectId, subjectId),
          inArray(slaClocks.node, nodes),
          isNull(slaClocks.stoppedAt),
          partId ? eq(slaClocks.partId, partId) : undefined,
        ),
      );
  }

  /** Cancels the open clocks of several subjects of one type at once. */
  async cancelMany(subjectType: string, subjectIds: string[], at: Date) {
    if (subjectIds.length === 0) return;
    await this.db
      .update(slaClocks)
      .set({ stoppedAt: at, nextCheckAt: null, outcome: 'cancelled' })
      .where(
        and(
          eq(slaClocks.subjectType, subjectType),
          inArray(slaClocks.subjectId, subjectIds),
          isNull(slaClocks.stoppedAt),
        ),
      );
  }

  async cancelAll(subjectType: string, subjectId: string, at: Date) {
    await this.db
      .update(slaClocks)
      .set({ stoppedAt: at, nextCheckAt: null, outcome: 'cancelled' })
      .where(
        and(eq(slaClocks.subjectType, subjectType), eq(slaClocks.subjectId, subjectId), isNull(slaClocks.stoppedAt)),
      );
  }

  /** A subject's clocks, open first by start (open only when asked). */
  async ofSubject(subjectType: string, subjectId: string, opts: { open?: boolean } = {}): Promise<SlaClockRow[]> {
    return this.db
      .select()
      .from(slaClocks)
      .where(
        and(
          eq(slaClocks.subjectType, subjectType),
          eq(slaClocks.subjectId, subjectId),
          opts.open ? isNull(slaClocks.stoppedAt) : undefined,
        ),
      )
      .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id))
      .limit(200);
  }

  /** The open clocks of many subjects of one type, in one query (index sla_clocks_subject_idx). */
  async openOfSubjects(subjectType: string, subjectIds: string[]): Promise<SlaClockRow[]> {
    if (subjectIds.length === 0) return [];
    return this.db
      .select()
      .from(slaClocks)
      .where(
        and(
          eq(slaClocks.subjectType, subjectType),
          inArray(slaClocks.subjectId, subjectIds),
          isNull(slaClocks.stoppedAt),
        ),
      )
      .orderBy(asc(slaClocks.startedAt), asc(slaClocks.id));
  }

  async patch(patches: ClockPatch[]) {
    if (patches.length === 0) return;
    await queryRows(
      this.db,
      sql`update sla_clocks k set ${sql.raw(PATCH_ASSIGNMENTS)}
            from json_populate_recordset(null::sla_clocks, ${JSON.stringify(patches)}::json) p
           where k.id = p.id and k.stopped_at is null`,
    );
  }

  /** A page of clocks whose next check has come, locked for this transaction; rows another sweep holds are skipped. */
  async claimDue(now: Date, limit: number): Promise<SlaClockRow[]> {
    return this.db
      .select()
      .from(slaClocks)
      .where(lte(slaClocks.nextCheckAt, now))
      .orderBy(asc(slaClocks.nextCheckAt))
      .limit(limit)
      .for('update', { skipLocked: true });
  }

  async writeSweep(updates: SweepUpdate[]) {
    if (updates.length === 0) return;
    await queryRows(
      this.db,
      sql`update sla_clocks c set warned_at = u.warned_at, breached_at = u.breached_at,
            escalation_level = u.escalation_level, next_check_at = u.next_check_at
          from json_to_recordset(${JSON.stringify(updates)}::json)
            as u(id uuid, warned_at timestamptz, breached_at timestamptz, escalation_level int, next_check_at timestamptz)
          where c.id = u.id`,
    );
  }

  async calendarRow(companyId: string) {
    const [row] = await this.db.select().from(businessCalendars).where(eq(businessCalendars.companyId, companyId));
    return row ?? null;
  }

  async calendarRows(companyIds: string[]) {
    if (companyIds.length === 0) return [];
    return this.db.select().from(businessCalendars).where(inArray(businessCalendars.companyId, companyIds));
  }

  /** Creates the company's calendar (version 0 → 1); false when another admin created it first. */
  async createCalendar(values: typeof businessCalendars.$inferInsert): Promise<boolean> {
    const inserted = await this.db.insert(businessCalendars).values(values).onConflictDoNothing().returning();
    return inserted.length > 0;
  }

  /** Writes the calendar when it is still at `version`; false on a stale version. */
  async updateCalendar(companyId: string, version: number, values: Partial<typeof businessCalendars.$inferInsert>) {
    const updated = await this.db
      .update(businessCalendars)
      .set({ ...values, version: version + 1 })
      .where(and(eq(businessCalendars.companyId, companyId), eq(businessCalendars.version, version)))
      .returning();
    return updated.length > 0;
  }
}
