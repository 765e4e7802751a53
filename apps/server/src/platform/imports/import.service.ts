import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ERROR_CODES } from '@anju/contracts';
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { AuditService } from '../audit/audit.service.js';
import type { PrincipalLoader, RequestContext } from '../auth/principal.js';
import type { Clock } from '../clock.js';
import { type Db, queryRows, type Tx } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Language } from '../i18n.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { assertPermission } from '../rbac/scope.js';
import { ImportJobRepository, type ImportJobRow } from './import-job.repository.js';
import type { Importer, ImportFinishedHook } from './importer.js';
import { errorWorkbook, readSheet, type SheetRow, templateWorkbook } from './spreadsheet.js';

export type ImportSettings = {
  filesDir: string;
  /** Files up to this size are imported within the request; larger ones in the background. */
  inlineMaxBytes: number;
  maxRows: number;
  /** Rows per transaction, and how often progress is saved. */
  progressEvery: number;
  /** Chunk transactions in flight at once (1 on the embedded database, which has one connection). */
  concurrency: number;
};

export const IMPORT_JOB = 'imports.run';

type Prepared = { row: SheetRow; value: unknown } | { row: SheetRow; reasons: string[] };
/** Per prepared row: what the importer did, a failure, or null for a row that failed its checks. */
type Outcome = 'imported' | 'updated' | { reasons: string[] } | null;
const ACCEPTED = new Set(['.xlsx', '.csv']);

/** Spreadsheet imports for any module: store the file, read it, apply each row in its own transaction, report. */
export class ImportService {
  private readonly importers = new Map<string, Importer>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly principals: PrincipalLoader,
    private readonly log: FastifyBaseLogger,
    private readonly settings: ImportSettings,
  ) {
    jobs.define(IMPORT_JOB, async (payload) => this.run((payload as { id: string }).id), { maxAttempts: 3 });
  }

  register<Row>(importer: Importer<Row>) {
    this.importers.set(importer.kind, importer as Importer);
  }

  private importer(kind: string): Importer {
    const found = this.importers.get(kind);
    if (!found) throw new AppError('NOT_FOUND');
    return found;
  }

  template(ctx: RequestContext, kind: string) {
    const importer = this.importer(kind);
    assertPermission(ctx.principal, importer.permission);
    return templateWorkbook(importer.columns, importer.sheetName);
  }

  async start(ctx: RequestContext, kind: string, file: { buffer: Buffer; fileName: string }, lang: Language) {
    const importer = this.importer(kind);
    assertPermission(ctx.principal, importer.permission);
    const ext = extname(file.fileName).toLowerCase();
    if (!ACCEPTED.has(ext)) throw new AppError('IMPORT_FILE_INVALID', { reason: 'only .xlsx and .csv are accepted' });
    const id = randomUUID();
    const dir = join(this.settings.filesDir, 'imports');
    mkdirSync(dir, { recursive: true });
    const filePath = join(dir, `${id}${ext}`);
    writeFileSync(filePath, file.buffer);
    // An import that feeds the KPIs always queues: refreshing the months it touched can take minutes, not a request.
    const inline = file.buffer.length <= this.settings.inlineMaxBytes && !importer.months;
    const job = await this.db.transaction(async (tx) => {
      const row = await new ImportJobRepository(tx).insert({
        id,
        kind,
        fileName: file.fileName.slice(0, 200),
        filePath,
        options: JSON.stringify({ lang }),
        createdBy: ctx.principal.userId,
        orgPath: ctx.principal.orgPath,
        createdAt: this.clock.now(),
      });
      await this.audit.record(tx, ctx, {
        action: `import.${importer.kind}`,
        entityType: 'import_job',
        entityId: id,
        orgPath: ctx.principal.orgPath,
        after: { fileName: row.fileName, bytes: file.buffer.length },
      });
      if (!inline) await this.jobs.enqueue(tx, IMPORT_JOB, { id }, { idempotencyKey: id });
      return row;
    });
    if (!inline) return job;
    await this.run(id);
    return (await new ImportJobRepository(this.db).find(id)) as ImportJobRow;
  }

  /** Runs (or re-runs after a crash) one import. Re-running is safe: importers update rows they already wrote. */
  private readonly finishedHooks: ImportFinishedHook[] = [];

  /** A module's reaction to a finished import (the KPI engine refreshes the months it touched). */
  onFinished(hook: ImportFinishedHook) {
    this.finishedHooks.push(hook);
  }

  async run(id: string): Promise<void> {
    const repo = new ImportJobRepository(this.db);
    const job = await repo.find(id);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    const importer = this.importer(job.kind);
    const lang: Language = JSON.parse(job.options ?? '{}').lang === 'en-US' ? 'en-US' : 'zh-CN';
    await repo.update(id, {
      status: 'running',
      startedAt: this.clock.now(),
      processed: 0,
      imported: 0,
      updated: 0,
      failed: 0,
    });
    const principal = await this.principals.loadUser(job.createdBy);
    if (!principal) {
      await repo.update(id, {
        status: 'failed',
        error: 'the user who started the import is no longer active',
        finishedAt: this.clock.now(),
      });
      return;
    }
    const ctx: RequestContext = {
      principal: { ...principal, orgPath: job.orgPath },
      ip: null,
      requestId: `import:${id}`,
    };
    let rows: SheetRow[];
    try {
      rows = (await readSheet(readFileSync(job.filePath), job.fileName, importer.columns, this.settings.maxRows)).rows;
    } catch (err) {
      const message = err instanceof AppError ? `${err.code}: ${JSON.stringify(err.details ?? {})}` : String(err);
      await repo.update(id, { status: 'failed', error: message.slice(0, 1000), finishedAt: this.clock.now() });
      return;
    }
    await repo.update(id, { total: rows.length });

    const counts = { processed: 0, imported: 0, updated: 0, failed: 0 };
    const months = new Set<string>();
    const failures: { row: SheetRow; reasons: string[] }[] = [];
    const seenKeys = new Map<string, number>();
    const inFlight = new Set<Promise<void>>();
    let chunkError: unknown = null;
    for (let start = 0; start < rows.length && !chunkError; start += this.settings.progressEvery) {
      const chunk = this.prepare(importer, rows.slice(start, start + this.settings.progressEvery), lang, seenKeys);
      for (const item of chunk) if ('reasons' in item) failures.push(item);
      const applied = this.applyChunk(importer, ctx, chunk, lang)
        .then(async (outcomes) => {
          for (const [i, outcome] of outcomes.entries()) {
            if (typeof outcome === 'string') {
              counts[outcome]++;
              const item = chunk[i] as { value?: unknown };
              for (const m of importer.months?.(item.value) ?? []) months.add(m);
            } else if (outcome) failures.push({ row: (chunk[i] as { row: SheetRow }).row, reasons: outcome.reasons });
          }
          counts.processed += chunk.length;
          counts.failed = failures.length;
          await repo.update(id, counts);
        })
        .catch((err) => {
          chunkError ??= err;
        })
        .finally(() => inFlight.delete(applied));
      inFlight.add(applied);
      if (inFlight.size >= this.settings.concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    // The job runner retries the whole import; importers upsert, so chunks already committed are not doubled.
    if (chunkError) throw chunkError;
    let errorFilePath: string | null = null;
    if (failures.length) {
      failures.sort((a, b) => a.row.rowNumber - b.row.rowNumber);
      errorFilePath = join(this.settings.filesDir, 'imports', `${id}-errors.xlsx`);
      writeFileSync(errorFilePath, await errorWorkbook(importer.columns, failures));
    }
    for (const hook of this.finishedHooks) await hook(importer.kind, [...months].sort());
    await repo.update(id, { ...counts, status: 'done', errorFilePath, finishedAt: this.clock.now() });
  }

  /** Pure checks and duplicate keys for one chunk; `seenKeys` spans the whole file. */
  private prepare(importer: Importer, rows: SheetRow[], lang: Language, seenKeys: Map<string, number>): Prepared[] {
    return rows.map((row) => {
      const checked = importer.check(row.values, lang);
      if (!checked.ok) return { row, reasons: checked.reasons };
      const firstRow = seenKeys.get(checked.key);
      if (firstRow !== undefined) {
        return {
          row,
          reasons: [lang === 'en-US' ? `duplicate of row ${firstRow} in this file` : `与文件第 ${firstRow} 行重复`],
        };
      }
      seenKeys.set(checked.key, row.rowNumber);
      return { row, value: checked.value };
    });
  }

  /**
   * One transaction per chunk. Fast path: every row applied straight, one commit for the chunk. If any row fails,
   * the chunk is rolled back whole and redone with a savepoint per row, so each row still lands whole or not at
   * all and only the bad rows are reported. Importers upsert, so redoing a row is safe.
   */
  private async applyChunk(importer: Importer, ctx: RequestContext, chunk: Prepared[], lang: Language) {
    const lockKeys = importer.lockKeys
      ? [...new Set(chunk.flatMap((item) => ('value' in item ? (importer.lockKeys?.(item.value) ?? []) : [])))]
      : [];
    try {
      return await this.db.transaction(async (tx) => {
        await lockRows(tx, lockKeys);
        if (importer.applyBatch) {
          const valid = chunk.filter((item): item is { row: SheetRow; value: unknown } => 'value' in item);
          const results = await importer.applyBatch(
            tx,
            ctx,
            valid.map((item) => item.value),
          );
          let next = 0;
          return chunk.map((item): Outcome => {
            if (!('value' in item)) return null;
            const result = results[next++] ?? null;
            return result instanceof AppError ? { reasons: [this.reasonOf(result, item.row, lang)] } : result;
          });
        }
        const outcomes: Outcome[] = [];
        for (const item of chunk) outcomes.push('value' in item ? await importer.apply(tx, ctx, item.value) : null);
        return outcomes;
      });
    } catch {
      return this.db.transaction(async (tx) => {
        await lockRows(tx, lockKeys);
        const outcomes: Outcome[] = [];
        for (const item of chunk) {
          if (!('value' in item)) {
            outcomes.push(null);
            continue;
          }
          try {
            outcomes.push(await tx.transaction((savepoint) => importer.apply(savepoint, ctx, item.value)));
          } catch (err) {
            outcomes.push({ reasons: [this.reasonOf(err, item.row, lang)] });
          }
        }
        return outcomes;
      });
    }
  }

  private reasonOf(err: unknown, row: SheetRow, lang: Language): string {
    if (err instanceof AppError) {
      const entry = ERROR_CODES[err.code];
      const reason = (err.details as { reason?: string | Record<Language, string> } | undefined)?.reason;
      const detail = typeof reason === 'object' ? reason[lang] : reason;
      return `${lang === 'en-US' ? entry.en : entry.zh}${detail ? `: ${detail}` : ''}`;
    }
    this.log.error({ err, importRow: row.rowNumber }, 'import row failed');
    return lang === 'en-US' ? 'internal error; the row was not imported' : '系统错误，该行未导入';
  }

  async get(ctx: RequestContext, id: string): Promise<ImportJobRow> {
    const job = await new ImportJobRepository(this.db).findInScope(id, ctx.principal.orgPath);
    if (
      !job ||
      (job.createdBy !== ctx.principal.userId && !ctx.principal.permissions.has(this.importer(job.kind).permission))
    ) {
      throw new AppError('IMPORT_JOB_NOT_FOUND');
    }
    return job;
  }

  async list(ctx: RequestContext, kind: string | undefined, before: Date | undefined, limit: number) {
    return new ImportJobRepository(this.db).list(ctx.principal.orgPath, kind, before, limit);
  }

  async errorFile(ctx: RequestContext, id: string): Promise<Buffer> {
    const job = await this.get(ctx, id);
    if (!job.errorFilePath) throw new AppError('NOT_FOUND');
    return readFileSync(job.errorFilePath);
  }
}

/**
 * Chunks run concurrently; rows that could resolve to the same record (one owner in two chunks) must not. Each
 * transaction takes a transaction-scoped advisory lock per key, in sorted order so two chunks cannot deadlock.
 */
async function lockRows(tx: Tx, keys: string[]) {
  if (keys.length === 0) return;
  await queryRows(
    tx,
    sql`select pg_advisory_xact_lock(hashtextextended(k, 7301))
        from (select k from json_array_elements_text(${JSON.stringify(keys)}::json) k order by k) locks`,
  );
}
