import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/database.js';
import { type FileRow, files } from './files.tables.js';

export type FileRef = { refType: string; refId: string };

/** The only queries on `files`. */
export class FilesRepository {
  constructor(private readonly db: Executor) {}

  async find(id: string): Promise<FileRow | null> {
    const [row] = await this.db.select().from(files).where(eq(files.id, id));
    return row ?? null;
  }

  async insert(values: typeof files.$inferInsert): Promise<FileRow> {
    const [row] = await this.db.insert(files).values(values).returning();
    return row as FileRow;
  }

  /** Moves files from one owner to another (an upload staged before its record existed); returns the moved rows. */
  reassign(ids: string[], from: FileRef, to: FileRef & { orgPath: string; role: string | null }): Promise<FileRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .update(files)
      .set({ refType: to.refType, refId: to.refId, orgPath: to.orgPath, role: to.role })
      .where(and(inArray(files.id, ids), eq(files.refType, from.refType), eq(files.refId, from.refId)))
      .returning();
  }

  byIds(ids: string[]): Promise<FileRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db.select().from(files).where(inArray(files.id, ids));
  }

  /** Files of the given ids that belong to the owner. */
  owned(ids: string[], ref: FileRef): Promise<FileRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .select()
      .from(files)
      .where(and(inArray(files.id, ids), eq(files.refType, ref.refType), eq(files.refId, ref.refId)));
  }

  /** An owner's files in upload order, bounded. */
  list(ref: FileRef, limit: number): Promise<FileRow[]> {
    return this.db
      .select()
      .from(files)
      .where(and(eq(files.refType, ref.refType), eq(files.refId, ref.refId)))
      .orderBy(asc(files.createdAt), asc(files.id))
      .limit(limit);
  }

  /** The same bytes already attached to this owner in this role (a retried upload). */
  async duplicate(ref: FileRef & { role: string | null }, sha256: string): Promise<FileRow | null> {
    const [row] = await this.db
      .select()
      .from(files)
      .where(
        and(
          eq(files.refType, ref.refType),
          eq(files.refId, ref.refId),
          eq(files.sha256, sha256),
          ref.role === null ? isNull(files.role) : eq(files.role, ref.role),
        ),
      )
      .limit(1);
    return row ?? null;
  }
}
