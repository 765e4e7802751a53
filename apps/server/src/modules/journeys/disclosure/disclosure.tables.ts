import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A project's risk disclosure pack (温馨牵手, "红线外一公里公示"): risks within 1 km with type and distance, the city map
 * (image or PDF), the amenities promised and their status. Each publish is the next version; an acknowledgement names
 * the version the buyer read.
 */
export const disclosurePacks = pgTable('disclosure_packs', {
  projectId: uuid('project_id').primaryKey(),
  orgPath: text('org_path').notNull(),
  version: integer('version').notNull().default(1),
  /** [{ type, name, distanceM, note }] (type codes in contracts). */
  risks: jsonb('risks').notNull(),
  /** [{ name, promisedOn?, status, note }] */
  amenities: jsonb('amenities').notNull(),
  mapFileId: uuid('map_file_id'),
  note: text('note'),
  updatedBy: uuid('updated_by'),
  updatedAt: tz('updated_at').notNull(),
});

/** A buyer's acknowledgement of a version of a project's pack, with time and channel. */
export const disclosureAcknowledgements = pgTable(
  'disclosure_acknowledgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id').notNull(),
    packVersion: integer('pack_version').notNull(),
    customerId: uuid('customer_id').notNull(),
    channel: text('channel').notNull(),
    acknowledgedAt: tz('acknowledged_at').notNull(),
    recordedBy: uuid('recorded_by'),
  },
  (t) => [
    uniqueIndex('disclosure_acks_uq').on(t.projectId, t.customerId, t.packVersion),
    index('disclosure_acks_customer_idx').on(t.customerId),
    check('disclosure_acks_channel_ck', sql`${t.channel} in ('console','portal')`),
  ],
);
