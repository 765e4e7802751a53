import type { AuditAction } from '@anju/contracts';
import type { RequestContext } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import { AuditRepository } from './audit.repository.js';

export type AuditEntry = {
  /** One of AUDIT_ACTIONS: the console labels each in both languages. */
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  /** Org path of the record the event is about; audit reads are scoped by it. */
  orgPath: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
};

/** Secrets never reach the audit log, whatever a caller passes in before/after. */
const REDACTED_KEYS = new Set(['passwordHash', 'password', 'tokenHash', 'token', 'csrfToken']);

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        REDACTED_KEYS.has(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  return value;
}

/** The columns of `rows`, in this order. */
export const AUDIT_COLUMNS = [
  'at',
  'actor_kind',
  'actor_id',
  'actor_ref',
  'actor_name',
  'action',
  'entity_type',
  'entity_id',
  'org_path',
  'before',
  'after',
  'reason',
  'ip',
  'request_id',
] as const;

export class AuditService {
  constructor(private readonly clock: Clock) {}

  /** Many events in one insert (bulk imports); same rules as `record`. */
  async recordMany(db: Executor, ctx: RequestContext, entries: AuditEntry[]) {
    await new AuditRepository(db).insertRows(AUDIT_COLUMNS, this.rows(ctx, entries));
  }

  /**
   * The audit_events rows of these entries keyed by column name (secrets redacted), for a caller that writes them
   * in the same statement as the change (`json_populate_recordset`), still inside its transaction.
   */
  rows(ctx: RequestContext, entries: AuditEntry[]): Record<(typeof AUDIT_COLUMNS)[number], unknown>[] {
    const at = this.clock.now();
    const { actor, userId, displayName, username } = ctx.principal;
    // staff by name and user name; an owner by name (their customer id in actor_ref); the system unnamed
    const actorName = actor === 'staff' ? `${displayName} (${username})` : actor === 'owner' ? displayName : null;
    return entries.map((entry) => ({
      at,
      actor_kind: actor,
      actor_id: actor === 'staff' ? userId : null,
      actor_ref: actor === 'owner' ? ctx.principal.customerId : null,
      actor_name: actorName,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      org_path: entry.orgPath,
      before: redact(entry.before),
      after: redact(entry.after),
      reason: entry.reason ?? null,
      ip: ctx.ip,
      request_id: ctx.requestId,
    }));
  }

  /** Call inside the same transaction as the change, so an event exists exactly when the change does. */
  async record(
    db: Executor,
    ctx: RequestContext | { principal: null; ip: string | null; requestId: string },
    entry: AuditEntry,
  ) {
    if (ctx.principal) {
      await new AuditRepository(db).insertRows(AUDIT_COLUMNS, this.rows(ctx as RequestContext, [entry]));
      return;
    }
    await new AuditRepository(db).insert({
      at: this.clock.now(),
      actorKind: 'anonymous',
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      orgPath: entry.orgPath,
      before: redact(entry.before),
      after: redact(entry.after),
      reason: entry.reason ?? null,
      ip: ctx.ip,
      requestId: ctx.requestId,
    });
  }
}
