import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import { type Executor, insertJsonRows } from '../../platform/db/database.js';
import { rowReader } from '../../platform/db/table-rows.js';
import { withinScope } from '../../platform/rbac/scope.js';
import { customerTimeline, type TimelineRow } from './customer.tables.js';

const readTimeline = rowReader(customerTimeline);

/** The queries on the customer timeline: entries written as rows keyed by column name, and the paged list. */
export class TimelineRepository {
  constructor(private readonly db: Executor) {}

  /** One entry, answered as stored. */
  async add(columns: readonly string[], row: Record<string, unknown>): Promise<TimelineRow> {
    const [stored] = await insertJsonRows<Record<string, unknown>>(
      this.db,
      'customer_timeline',
      [...columns],
      [row],
      sql`returning *`,
    );
    return readTimeline(stored as Record<string, unknown>);
  }

  /** Many entries in one statement. */
  async addMany(columns: readonly string[], rows: Record<string, unknown>[]) {
    await insertJsonRows(this.db, 'customer_timeline', [...columns], rows);
  }

  /** A customer's entries within `scopePath`, newest first, paged by (at, id). */
  list(
    customerId: string,
    scopePath: string,
    opts: { kind?: string; before?: { at: Date; id: number }; limit: number },
  ) {
    return this.db
      .select()
      .from(customerTimeline)
      .where(
        and(
          eq(customerTimeline.customerId, customerId),
          withinScope(customerTimeline.orgPath, scopePath),
          opts.kind ? eq(customerTimeline.kind, opts.kind) : undefined,
          opts.before
            ? or(
                lt(customerTimeline.at, opts.before.at),
                and(eq(customerTimeline.at, opts.before.at), lt(customerTimeline.id, opts.before.id)),
              )
            : undefined,
        ),
      )
      .orderBy(desc(customerTimeline.at), desc(customerTimeline.id))
      .limit(opts.limit + 1);
  }
}
