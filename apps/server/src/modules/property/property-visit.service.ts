import { PassThrough } from 'node:stream';
import type { Permission, PropertyVisit, RecordPropertyVisitBody } from '@anju/contracts';
import ExcelJS from 'exceljs';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { Principal, RequestContext } from '../../platform/auth/principal.js';
import { chinaDate } from '../../platform/china-time.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { PropertyVisitRepository, type VisitFilter, type VisitListRow } from './property-visit.repository.js';

/** Who may read visits, and who may record them: property staff (property.*) and journey workers (journeys.*). */
export const VISIT_READERS: Permission[] = ['property.read', 'journeys.read'];
export const VISIT_RECORDERS: Permission[] = ['property.manage', 'journeys.work'];
const EXPORT_BATCH = 1000;
export const VISIT_EXPORT_MAX_ROWS = 100_000;

function assertAny(principal: Principal, permissions: Permission[]) {
  if (!permissions.some((p) => principal.permissions.has(p))) throw new AppError('FORBIDDEN', { missing: permissions });
}

export const presentVisit = (v: VisitListRow, projectName: string | null): PropertyVisit => ({
  id: v.id,
  projectId: v.projectId,
  projectName,
  unitId: v.unitId,
  unitCode: v.unitCode,
  customerId: v.customerId,
  visitorUserId: v.visitorUserId,
  visitorName: v.visitorName,
  visitedOn: v.visitedOn,
  issues: v.issues,
  measures: v.measures,
  imported: v.imported,
  createdAt: v.createdAt.toISOString(),
});

/**
 * Property-company visits to households (物业走访, KPIS.md): recorded by a user whose org is at or above the
 * project (the project is in their scope) holding property.manage or journeys.work; read with property.read or
 * journeys.read within scope; exported as .xlsx.
 */
export class PropertyVisitService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
  ) {}

  /** A page of visits (one row more than asked, for the next cursor) with their projects' names. */
  async list(ctx: RequestContext, f: Omit<VisitFilter, 'scopePath'>): Promise<PropertyVisit[]> {
    assertAny(ctx.principal, VISIT_READERS);
    const rows = await new PropertyVisitRepository(this.db).list({ ...f, scopePath: ctx.principal.orgPath });
    const names = await this.directory.names(rows.map((r) => r.projectId));
    return rows.map((r) => presentVisit(r, names.get(r.projectId) ?? null));
  }

  async record(ctx: RequestContext, body: RecordPropertyVisitBody): Promise<PropertyVisit> {
    assertAny(ctx.principal, VISIT_RECORDERS);
    const project = await this.projectInScope(ctx, body.projectId);
    if (body.visitedOn > chinaDate(this.clock.now())) {
      throw new AppError('VALIDATION_FAILED', { field: 'visitedOn', reason: 'not in the future' });
    }
    return this.db.transaction(async (tx) => {
      const repo = new PropertyVisitRepository(tx);
      const unit = await repo.unit(body.unitId);
      if (!unit || unit.projectId !== body.projectId) {
        throw new AppError('VALIDATION_FAILED', { field: 'unitId', reason: 'a unit of the project' });
      }
      const byMe = body.visitorName === undefined;
      const row = await repo.insert({
        projectId: body.projectId,
        unitId: unit.id,
        customerId: null,
        visitorUserId: byMe ? ctx.principal.userId : null,
        visitorName: body.visitorName ?? ctx.principal.displayName,
        visitedOn: body.visitedOn,
        issues: body.issues,
        measures: body.measures,
        orgPath: project.path,
        createdBy: ctx.principal.userId,
        createdAt: this.clock.now(),
      });
      await this.audit.record(tx, ctx, {
        action: 'property_visit.record',
        entityType: 'property_visit',
        entityId: row.id,
        orgPath: project.path,
        after: { unit: unit.code, visitedOn: row.visitedOn, visitor: row.visitorName },
      });
      return presentVisit({ ...row, unitCode: unit.code }, project.name);
    });
  }

  /** The filtered visits as .xlsx, streamed in pages. */
  async export(ctx: RequestContext, f: Pick<VisitFilter, 'projectId' | 'month'>) {
    assertAny(ctx.principal, VISIT_READERS);
    await this.audit.record(this.db, ctx, {
      action: 'property_visit.export',
      entityType: 'property_visit',
      entityId: null,
      orgPath: ctx.principal.orgPath,
      after: { export: true, ...f },
    });
    const stream = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
    const sheet = workbook.addWorksheet('物业走访 Visits');
    sheet.columns = [
      { header: '项目 Project', key: 'project', width: 20 },
      { header: '房号 Unit', key: 'unit', width: 14 },
      { header: '走访日期 Visited on', key: 'visitedOn', width: 14 },
      { header: '走访人 Visitor', key: 'visitor', width: 12 },
      { header: '问题 Issues', key: 'issues', width: 40 },
      { header: '措施 Measures', key: 'measures', width: 40 },
    ];
    void (async () => {
      try {
        let after: VisitFilter['after'] = null;
        for (let written = 0; written < VISIT_EXPORT_MAX_ROWS; written += EXPORT_BATCH) {
          const rows = await this.list(ctx, { ...f, after, limit: EXPORT_BATCH });
          const page = rows.slice(0, EXPORT_BATCH);
          for (const v of page) {
            sheet
              .addRow({
                project: v.projectName ?? '',
                unit: v.unitCode,
                visitedOn: v.visitedOn,
                visitor: v.visitorName,
                issues: v.issues,
                measures: v.measures,
              })
              .commit();
          }
          const last = page.at(-1);
          if (rows.length <= EXPORT_BATCH || !last) break;
          after = { d: last.visitedOn, id: last.id };
        }
        await workbook.commit();
      } catch (err) {
        stream.destroy(err as Error);
      }
    })();
    return stream;
  }

  /** The project when it lies in the caller's scope (its node at or below the caller's org), else 404. */
  private async projectInScope(ctx: RequestContext, projectId: string) {
    const node = await this.directory.node(projectId);
    if (node?.type !== 'project' || !node.path.startsWith(ctx.principal.orgPath)) {
      throw new AppError('PROJECT_NOT_FOUND');
    }
    if (!(await new PropertyVisitRepository(this.db).projectExists(projectId))) throw new AppError('PROJECT_NOT_FOUND');
    return node;
  }
}
