import { bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only: a trigger (migration 0001) refuses UPDATE and DELETE.
 * `orgPath` is the org path of the record the event is about, so audit reads are scoped like the records.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'bigint' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** staff | owner | system */
    actorKind: text('actor_kind').notNull().default('staff'),
    /** The staff user (staff only). */
    actorId: uuid('actor_id'),
    /** The owner's customer id (owners only). */
    actorRef: text('actor_ref'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    orgPath: text('org_path').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    index('audit_events_path_id_idx').using('btree', t.orgPath.op('text_pattern_ops'), t.id),
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_events_actor_idx').on(t.actorId, t.id),
    index('audit_events_at_idx').on(t.at),
  ],
);
