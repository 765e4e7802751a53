import { LESSON_STEPS, type LessonStatus, type UpsertLessonBody } from '@anju/contracts/lessons';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import { idsOfPath, type OrgDirectory } from '../../org/org-directory.js';
import { LessonRepository } from './lesson.repository.js';
import type { LessonRow, LessonStepRecord, NewLesson } from './lesson.tables.js';

/** What a lesson takes from a closed group case's closing report (read through the case service). */
export type CaseForLesson = {
  id: string;
  status: string;
  title: string;
  companyId: string;
  projectId: string | null;
  clusterId: string | null;
  cause: string | null;
  measures: string | null;
  lessons: string | null;
};
/** What a lesson takes from a cluster. */
export type ClusterForLesson = { id: string; companyId: string; projectId: string };
/** Readers of the sources in the caller's scope (null: none there). */
export type LessonSources = {
  groupCase: (ctx: RequestContext, id: string) => Promise<CaseForLesson | null>;
  cluster: (ctx: RequestContext, id: string) => Promise<ClusterForLesson | null>;
};

const rank = (s: string) => LESSON_STEPS.indexOf(s as (typeof LESSON_STEPS)[number]);
const CONVERTED = new Set<string>(['accepted', 'applied_to_standard', 'verified_on_new_project']);

/**
 * Lessons learned (经验教训成果转化): from a closed group case, a cluster, or by hand; read with `quality.read`
 * (the caller's subtree and the company/group above it), written with `quality.manage`. The status only moves
 * forward along proposed → accepted → applied to standard → verified on a new project, or to rejected (final).
 */
export class LessonService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly sources: LessonSources,
  ) {}

  async list(
    ctx: RequestContext,
    f: { status?: string; department?: string; source?: string; caseId?: string; before?: { at: Date; id: string } },
    limit: number,
  ) {
    assertPermission(ctx.principal, 'quality.read');
    const rows = await new LessonRepository(this.db).list({ ...f, ...this.scopeOf(ctx) }, limit + 1);
    return { rows, labels: await this.labels(rows.slice(0, limit)) };
  }

  async upsert(ctx: RequestContext, body: UpsertLessonBody) {
    assertPermission(ctx.principal, 'quality.manage');
    return body.id ? this.edit(ctx, body.id, body) : this.create(ctx, body);
  }

  /** The items a project's simulated acceptance checks (registered with journeys as a checklist source). */
  async checklistFor(db: Executor, target: { projectId: string; projectPath: string; asOf: Date }) {
    const rows = await new LessonRepository(db).forProject(
      target.projectId,
      idsOfPath(target.projectPath),
      target.asOf,
    );
    return rows.map((r) => ({
      source: 'quality_lesson',
      refId: r.id,
      title: r.problem,
      detail: r.improvement,
      tag: r.department,
      since: (r.acceptedAt as Date).toISOString(),
    }));
  }

  private async create(ctx: RequestContext, body: UpsertLessonBody) {
    if (body.version !== undefined) throw new AppError('VERSION_CONFLICT');
    if (body.caseId && body.clusterId) throw new AppError('QUALITY_LESSON_ONE_SOURCE');
    let fields = { problem: body.problem, analysis: body.analysis, improvement: body.improvement };
    let origin: { companyId: string; projectId: string | null; clusterId: string | null } | null = null;
    if (body.caseId) {
      const found = await this.sources.groupCase(ctx, body.caseId);
      if (!found) throw new AppError('QUALITY_LESSON_SOURCE_NOT_FOUND', { caseId: body.caseId });
      if (found.status !== 'closed') throw new AppError('QUALITY_LESSON_CASE_OPEN');
      origin = found;
      fields = {
        problem: body.problem || found.title,
        analysis: body.analysis || (found.cause ?? ''),
        improvement: body.improvement || found.lessons || found.measures || '',
      };
    } else if (body.clusterId) {
      const found = await this.sources.cluster(ctx, body.clusterId);
      if (!found) throw new AppError('QUALITY_LESSON_SOURCE_NOT_FOUND', { clusterId: body.clusterId });
      origin = { ...found, clusterId: found.id };
    }
    if (!fields.problem) throw new AppError('QUALITY_LESSON_PROBLEM_REQUIRED');
    const node = await this.ownerNode(ctx, body.orgUnitId ?? origin?.companyId);
    await this.assertProjects(body.appliesTo, node.path);
    const now = this.clock.now();
    const status = body.status ?? 'proposed';
    if (status !== 'proposed' && status !== 'accepted') {
      throw new AppError('QUALITY_LESSON_STATUS', { from: 'proposed', to: status });
    }
    const steps = this.stepsTo([], 'proposed', status, now, ctx.principal.userId);
    const row: NewLesson = {
      orgUnitId: node.id,
      orgPath: node.path,
      problem: fields.problem,
      analysis: fields.analysis ?? '',
      department: body.department,
      improvement: fields.improvement ?? '',
      status,
      steps,
      appliesTo: [...new Set(body.appliesTo)],
      source: body.caseId ? 'case' : body.clusterId ? 'cluster' : 'manual',
      caseId: body.caseId ?? null,
      clusterId: origin?.clusterId ?? null,
      sourceProjectId: origin?.projectId ?? null,
      acceptedAt: status === 'accepted' ? now : null,
      createdBy: ctx.principal.userId,
      createdAt: now,
      updatedBy: ctx.principal.userId,
      updatedAt: now,
    };
    const written = await this.db.transaction(async (tx) => {
      const written = await new LessonRepository(tx).insert(row);
      await this.audit.record(tx, ctx, {
        action: 'quality_lesson.create',
        entityType: 'quality_lesson',
        entityId: written.id,
        orgPath: written.orgPath,
        after: { status, department: written.department, source: written.source, caseId: written.caseId },
      });
      return written;
    });
    return { row: written, created: true, labels: await this.labels([written]) };
  }

  private async edit(ctx: RequestContext, id: string, body: UpsertLessonBody) {
    if (body.version === undefined) throw new AppError('VERSION_CONFLICT');
    const scope = this.scopeOf(ctx);
    const current = await new LessonRepository(this.db).readable(id, scope.scopePath, scope.aboveIds);
    if (!current || !pathInScope(current.orgPath, ctx.principal.orgPath))
      throw new AppError('QUALITY_LESSON_NOT_FOUND');
    if ((body.caseId && body.caseId !== current.caseId) || (body.clusterId && body.clusterId !== current.clusterId)) {
      throw new AppError('QUALITY_LESSON_SOURCE_FIXED');
    }
    const problem = body.problem ?? current.problem;
    if (!problem) throw new AppError('QUALITY_LESSON_PROBLEM_REQUIRED');
    if (body.orgUnitId && body.orgUnitId !== current.orgUnitId) throw new AppError('QUALITY_LESSON_SOURCE_FIXED');
    await this.assertProjects(body.appliesTo, current.orgPath);
    const status = body.status ?? (current.status as LessonStatus);
    const now = this.clock.now();
    const steps = this.stepsTo(current.steps as LessonStepRecord[], current.status, status, now, ctx.principal.userId);
    const patch: Partial<NewLesson> = {
      problem,
      analysis: body.analysis ?? current.analysis,
      department: body.department,
      improvement: body.improvement ?? current.improvement,
      appliesTo: [...new Set(body.appliesTo)],
      status,
      steps,
      acceptedAt: current.acceptedAt ?? (CONVERTED.has(status) ? now : null),
      updatedBy: ctx.principal.userId,
      updatedAt: now,
    };
    const row = await this.db.transaction(async (tx) => {
      const row = await new LessonRepository(tx).update(id, body.version as number, patch);
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'quality_lesson.update',
        entityType: 'quality_lesson',
        entityId: id,
        orgPath: row.orgPath,
        before: { status: current.status, department: current.department },
        after: { status: row.status, department: row.department },
      });
      return row;
    });
    return { row, created: false, labels: await this.labels([row]) };
  }

  /** The steps after moving from `from` to `to` (forward only, or to rejected; rejected is final). */
  private stepsTo(steps: LessonStepRecord[], from: string, to: string, at: Date, by: string): LessonStepRecord[] {
    const next = steps.length ? [...steps] : [{ status: 'proposed', at: at.toISOString(), by }];
    if (from === to) return next;
    const forward = to === 'rejected' ? from !== 'rejected' : from !== 'rejected' && rank(to) > rank(from);
    if (!forward) throw new AppError('QUALITY_LESSON_STATUS', { from, to });
    if (to === 'rejected') return [...next, { status: to, at: at.toISOString(), by }];
    for (const step of LESSON_STEPS.slice(rank(from) + 1, rank(to) + 1)) {
      next.push({ status: step, at: at.toISOString(), by });
    }
    return next;
  }

  /** The company or group a lesson belongs to: in the caller's subtree (default: the caller's own company). */
  private async ownerNode(ctx: RequestContext, orgUnitId: string | undefined) {
    const node = orgUnitId
      ? await this.directory.node(orgUnitId)
      : ((await this.directory.companyOf(ctx.principal.orgPath)) ??
        (await this.directory.node(idsOfPath(ctx.principal.orgPath)[0] as string)));
    if (!node || !pathInScope(node.path, ctx.principal.orgPath)) throw new AppError('ORG_UNIT_NOT_FOUND');
    if (node.type !== 'city_company' && node.type !== 'group') {
      throw new AppError('QUALITY_LESSON_NODE', { type: node.type });
    }
    return node;
  }

  private async assertProjects(ids: string[], ownerPath: string) {
    if (!ids.length) return;
    const nodes = await this.directory.nodes(ids);
    const bad = ids.find((id) => {
      const n = nodes.get(id);
      return n?.type !== 'project' || !pathInScope(n.path, ownerPath);
    });
    if (bad) throw new AppError('QUALITY_LESSON_PROJECT_INVALID', { projectId: bad });
  }

  private scopeOf(ctx: RequestContext) {
    return { scopePath: ctx.principal.orgPath, aboveIds: idsOfPath(ctx.principal.orgPath).slice(0, -1) };
  }

  /** Names of the nodes, projects and people the rows mention (one read each). */
  private async labels(rows: LessonRow[]) {
    const [names, users] = await Promise.all([
      this.directory.names(rows.flatMap((r) => [r.orgUnitId, r.sourceProjectId, ...r.appliesTo])),
      this.directory.users(rows.flatMap((r) => [r.createdBy, ...(r.steps as LessonStepRecord[]).map((s) => s.by)])),
    ]);
    return { names, people: new Map(users.map((u) => [u.id, u.displayName])) };
  }
}
