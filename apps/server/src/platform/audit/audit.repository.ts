import { and, desc, eq, gte, lt, lte } from 'drizzle-orm';
import { type Executor, insertJsonRows } from '../db/database.js';
import { withinScope } from '../rbac/scope.js';
import { auditEvents } from './audit.tables.js';

export type AuditInsert = typeof auditEvents.$inferInsert;
export type AuditRow = typeof auditEvents.$inferSelect;

export type AuditFilter = {
  scopePath: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  beforeId?: bigint;
  limit: number;
};

export class AuditRepository {
  constructor(private readonly db: Executor) {}

  async insert(row: AuditInsert) {
    await this.db.insert(auditEvents).values(row);
  }

  /** Rows keyed by column name (`AuditService.rows`), in one statement however many. */
  async insertRows(columns: readonly string[], rows: Record<string, unknown>[]) {
    await insertJsonRows(this.db, 'audit_events', [...columns], rows);
  }

  list(f: AuditFilter): Promise<AuditRow[]> {
    return this.db
      .select()
      .from(auditEvents)
      .where(
        and(
          withinScope(auditEvents.orgPath, f.scopePath),
          f.action ? eq(auditEvents.action, f.action) : undefined,
          f.entityType ? eq(auditEvents.entityType, f.entityType) : undefined,
          f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined,
          f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
          f.from ? gte(auditEvents.at, f.from) : undefined,
          f.to ? lte(auditEvents.at, f.to) : undefined,
          f.beforeId !== undefined ? lt(auditEvents.id, f.beforeId) : undefined,
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(f.limit + 1);
  }
}
