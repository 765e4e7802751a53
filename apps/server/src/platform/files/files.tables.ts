import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * An uploaded file (a ticket photo, a signed form). The bytes live in file storage under `storageKey` (and
 * `thumbnailKey` for images); the row says what it is, who owns it (`refType`/`refId`, with a `role` such as
 * before/after) and where it sits in the org tree (`orgPath`, copied from the owner, for scope checks).
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    storageKey: text('storage_key').notNull(),
    originalName: text('original_name').notNull(),
    /** Found from the bytes (magic numbers), never taken from the client. */
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    width: integer('width'),
    height: integer('height'),
    thumbnailKey: text('thumbnail_key'),
    orgPath: text('org_path').notNull(),
    refType: text('ref_type').notNull(),
    refId: uuid('ref_id').notNull(),
    role: text('role'),
    uploadedBy: uuid('uploaded_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('files_storage_key_uq').on(t.storageKey),
    // an owner's files in upload order (a ticket's photos), and the duplicate check on re-upload
    index('files_ref_idx').on(t.refType, t.refId, t.createdAt),
    check('files_size_ck', sql`${t.sizeBytes} >= 0`),
    check('files_sha256_ck', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
  ],
);

export type FileRow = typeof files.$inferSelect;
