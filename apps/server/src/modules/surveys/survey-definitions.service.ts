import type { SurveyQuestion, UpsertSurveyBody } from '@anju/contracts/surveys';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal, RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db, Executor } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission, isRootPath } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { SurveyRepository } from './survey.repository.js';
import { checkQuestions } from './survey-rules.js';
import type { SurveyRow } from './surveys.tables.js';

export type SurveyWithQuestions = SurveyRow & { questions: SurveyQuestion[] };

/** May read survey definitions and requests: those who manage surveys and the agents who call. */
export function assertSurveyReader(p: Principal) {
  if (p.permissions.has('surveys.manage')) return;
  assertPermission(p, 'callbacks.record');
}

/**
 * Survey definitions: the group's (company null, built in by migration 0031) and a company's own. Every change of
 * the questions is a new version; requests keep the version they were sent with.
 */
export class SurveyDefinitionService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  /** The company a staff member works in (null at the group: every definition). */
  private async companyOf(ctx: RequestContext): Promise<string | null> {
    if (isRootPath(ctx.principal.orgPath)) return null;
    const company = await this.directory.companyOf({ id: ctx.principal.orgUnitId, path: ctx.principal.orgPath });
    return company?.id ?? null;
  }

  async list(ctx: RequestContext): Promise<SurveyWithQuestions[]> {
    assertSurveyReader(ctx.principal);
    const rows = await new SurveyRepository(this.db).list(await this.companyOf(ctx));
    return this.withQuestions(this.db, rows);
  }

  async withQuestions(db: Executor, rows: SurveyRow[]): Promise<SurveyWithQuestions[]> {
    const questions = await new SurveyRepository(db).questionsOf(
      rows.map((r) => ({ surveyId: r.id, version: r.currentVersion })),
    );
    return rows.map((r) => ({
      ...r,
      questions: (questions.get(`${r.id}:${r.currentVersion}`) ?? []) as SurveyQuestion[],
    }));
  }

  /** A definition by code, visible to the reader (the group's, or their company's). */
  async byCode(ctx: RequestContext, code: string, db: Executor = this.db): Promise<SurveyRow> {
    const row = await new SurveyRepository(db).byCode(code);
    const company = await this.companyOf(ctx);
    if (!row || (company !== null && row.companyId !== null && row.companyId !== company)) {
      throw new AppError('SURVEY_NOT_FOUND');
    }
    return row;
  }

  /**
   * Creates the definition (at the writer's company, or the group's at the root) or changes it at `version`. New
   * questions make a new version; a company may not change the group's definitions.
   */
  async upsert(ctx: RequestContext, code: string, body: UpsertSurveyBody): Promise<SurveyWithQuestions> {
    assertPermission(ctx.principal, 'surveys.manage');
    checkQuestions(body.questions);
    const company = await this.companyOf(ctx);
    return this.db.transaction(async (tx) => {
      const repo = new SurveyRepository(tx);
      const now = this.clock.now();
      const existing = await repo.byCode(code);
      if (existing && (company !== null ? existing.companyId !== company : false)) {
        throw new AppError(existing.companyId === null ? 'FORBIDDEN' : 'SURVEY_NOT_FOUND');
      }
      if (existing && body.version === undefined) throw new AppError('VERSION_CONFLICT');
      let row: SurveyRow;
      if (!existing) {
        row = await repo.insert({
          code,
          kind: body.kind,
          nameZh: body.nameZh,
          nameEn: body.nameEn,
          companyId: company,
          active: body.active,
          currentVersion: 1,
          settings: body.settings,
          updatedBy: ctx.principal.userId,
          createdAt: now,
          updatedAt: now,
        });
        await repo.addVersion({
          surveyId: row.id,
          version: 1,
          questions: body.questions,
          createdBy: ctx.principal.userId,
          createdAt: now,
        });
      } else {
        const [current] = await this.withQuestions(tx, [existing]);
        const changed = canonical(current?.questions) !== canonical(body.questions);
        const next = changed ? existing.currentVersion + 1 : existing.currentVersion;
        const updated = await repo.update(existing.id, body.version as number, {
          kind: body.kind,
          nameZh: body.nameZh,
          nameEn: body.nameEn,
          active: body.active,
          settings: body.settings,
          currentVersion: next,
          updatedBy: ctx.principal.userId,
          updatedAt: now,
        });
        if (!updated) throw new AppError('VERSION_CONFLICT');
        if (changed) {
          await repo.addVersion({
            surveyId: existing.id,
            version: next,
            questions: body.questions,
            createdBy: ctx.principal.userId,
            createdAt: now,
          });
        }
        row = updated;
      }
      await this.audit.record(tx, ctx, {
        action: 'survey.upsert',
        entityType: 'survey',
        entityId: row.id,
        orgPath: ctx.principal.orgPath,
        before: existing ? { version: existing.version, questionsVersion: existing.currentVersion } : undefined,
        after: { code, kind: body.kind, questionsVersion: row.currentVersion },
      });
      return { ...row, questions: body.questions };
    });
  }
}

/** JSON with object keys sorted (jsonb does not keep the order they were written in). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
