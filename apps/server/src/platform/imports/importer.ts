import type { IMPORT_KINDS, Permission } from '@anju/contracts';
import type { RequestContext } from '../auth/principal.js';
import type { Tx } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Language } from '../i18n.js';
import type { ColumnSpec } from './spreadsheet.js';

export type RowCheck<Row> = { ok: true; value: Row; key: string } | { ok: false; reasons: string[] };

/** What a module provides to import one kind of spreadsheet. The platform does reading, progress and errors. */
export type Importer<Row = unknown> = {
  kind: ImportKind;
  permission: Permission;
  columns: ColumnSpec[];
  sheetName: string;
  /** Pure: one row's cells → a value and a key that must be unique within the file, or the reasons it is bad. */
  check(values: Record<string, string>, lang: Language): RowCheck<Row>;
  /** Writes one valid row inside the transaction it is given: the row lands whole or not at all. */
  apply(tx: Tx, ctx: RequestContext, row: Row): Promise<'imported' | 'updated'>;
  /**
   * Optional set-based path for a whole chunk of valid rows (a few queries per chunk instead of per row). It must
   * write exactly what `apply` would, and give a row the AppError `apply` would throw for it (writing nothing for
   * that row); on anything else it may throw, and the chunk is then redone row by row.
   */
  /**
   * Keys of the records a row may create or change (e.g. the owner's ID number). Chunks run concurrently, and
   * rows sharing a key never do; without this the importer must be safe for any interleaving.
   */
  lockKeys?(row: Row): string[];
  applyBatch?(tx: Tx, ctx: RequestContext, rows: Row[]): Promise<('imported' | 'updated' | AppError)[]>;
  /** The months (`2026-10`) whose KPI figures a written row counts in: refreshed when the import finishes. */
  months?(row: Row): string[];
};

export type ImportKind = (typeof IMPORT_KINDS)[number];
/** Called when an import finishes, before it is reported done, with the months its rows touched. */
export type ImportFinishedHook = (kind: ImportKind, months: string[]) => Promise<void>;

/** Bilingual row reasons; the error workbook shows the requester's language. */
export const reason = (lang: Language, zh: string, en: string) => (lang === 'en-US' ? en : zh);

/**
 * A row refused while it is written (an unknown project, a number already in use): the reason in both languages, of
 * which the error workbook shows the requester's.
 */
export const rowRefused = (zh: string, en: string) =>
  new AppError('VALIDATION_FAILED', { reason: { 'zh-CN': zh, 'en-US': en } satisfies Record<Language, string> });
