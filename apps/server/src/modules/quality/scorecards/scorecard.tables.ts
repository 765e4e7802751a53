import { pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * Suppliers and contractors on the watch list (优胜劣汰): one row per supplier while it is watched. A watched
 * supplier is flagged wherever it is chosen for a work order and in the scorecards.
 */
export const supplierWatch = pgTable('quality_supplier_watch', {
  supplierOrgId: uuid('supplier_org_id').primaryKey(),
  /** The supplier's org path: who may see the entry (the suppliers serving their subtree). */
  orgPath: text('org_path').notNull(),
  reason: text('reason').notNull(),
  createdBy: uuid('created_by'),
  createdAt: tz('created_at').notNull(),
});

export type SupplierWatchRow = typeof supplierWatch.$inferSelect;
