import type { CreateNoticeBody } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { EventBus } from '../../platform/events/event-bus.js';
import type { FileRow, FilesService, UploadInput } from '../../platform/files/files.service.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import type { OrgUnitService } from '../org/org-unit.service.js';
import { type NoticeListRow, NoticeRepository } from './notice.repository.js';

type After = { at: Date; id: string } | null;
/** Images chosen in the console before the notice exists wait under the uploader. */
const draftRef = (userId: string) => ({ refType: 'notice_draft', refId: userId });

/** A notice published to a project's owners (subject: the notice). */
export const NOTICE_PUBLISHED = 'notice.published';
export type NoticePublished = { projectId: string; category: string; title: string; smsToBuyers: boolean };

/** Project announcements: published by CR staff per project, read by the project's owners in the portal. */
export class NoticeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly files: FilesService,
    private readonly orgUnits: OrgUnitService,
    private readonly directory: OrgDirectory,
    private readonly events: EventBus,
  ) {}

  private repo = () => new NoticeRepository(this.db);

  async uploadImage(ctx: RequestContext, read: () => Promise<UploadInput>): Promise<FileRow> {
    assertPermission(ctx.principal, 'notices.publish');
    const prepared = await this.files.prepare(await read(), ['image']);
    return this.files.save(ctx, prepared, { ...draftRef(ctx.principal.userId), orgPath: ctx.principal.orgPath });
  }

  async create(ctx: RequestContext, body: Omit<CreateNoticeBody, 'smsToBuyers'> & { smsToBuyers?: boolean }) {
    assertPermission(ctx.principal, 'notices.publish');
    const project = await this.orgUnits.get(ctx, body.projectId);
    if (project.type !== 'project') {
      throw new AppError('VALIDATION_FAILED', { field: 'projectId', reason: 'notices are published per project' });
    }
    const now = this.clock.now();
    const id = await this.db.transaction(async (tx) => {
      const repo = new NoticeRepository(tx);
      const row = await repo.insert({
        projectId: project.id,
        orgPath: project.path,
        category: body.category,
        title: body.title,
        body: body.body,
        imageIds: body.imageIds,
        publishedAt: now,
        createdBy: ctx.principal.userId,
        createdByName: ctx.principal.displayName,
        createdAt: now,
      });
      await this.files.reassign(tx, body.imageIds, draftRef(ctx.principal.userId), {
        refType: 'notice',
        refId: row.id,
        orgPath: project.path,
      });
      await this.audit.record(tx, ctx, {
        action: 'notice.publish',
        entityType: 'notice',
        entityId: row.id,
        orgPath: project.path,
        after: {
          title: body.title,
          category: body.category,
          images: body.imageIds.length,
          smsToBuyers: body.smsToBuyers ?? false,
        },
      });
      const published: NoticePublished = {
        projectId: project.id,
        category: body.category,
        title: body.title,
        smsToBuyers: body.smsToBuyers ?? false,
      };
      await this.events.record(tx, ctx, [
        { name: NOTICE_PUBLISHED, subjectType: 'notice', subjectId: row.id, orgPath: project.path, payload: published },
      ]);
      return row.id;
    });
    const [created] = await this.repo().listInScope(project.path, { projectId: project.id, after: null, limit: 50 });
    return this.withImages([created?.id === id ? created : ((await this.find(id)) as NoticeListRow)]);
  }

  private async find(id: string) {
    const row = await this.repo().find(id);
    return row ? ({ ...row, projectName: '', readCount: 0 } as NoticeListRow) : null;
  }

  async list(ctx: RequestContext, q: { projectId?: string; limit: number }, after: After) {
    assertPermission(ctx.principal, 'property.read');
    const rows = await this.repo().listInScope(ctx.principal.orgPath, { ...q, after });
    return this.withImages(rows);
  }

  /** The owner portal: notices of the person's projects. */
  async listForOwner(customerId: string, projectIds: string[], q: { unread?: boolean; limit: number }, after: After) {
    const rows = await this.repo().listForProjects(projectIds, customerId, { ...q, after });
    return this.withImages(rows);
  }

  async markRead(customerId: string, projectIds: string[], noticeId: string) {
    const notice = await this.repo().find(noticeId);
    if (!notice || !projectIds.includes(notice.projectId)) throw new AppError('NOTICE_NOT_FOUND');
    await this.repo().markRead(noticeId, customerId, this.clock.now());
  }

  /** Whether a notice image may be shown to an owner of these projects. */
  async imageVisibleTo(projectIds: string[], noticeId: string) {
    const notice = await this.repo().find(noticeId);
    return notice !== null && projectIds.includes(notice.projectId);
  }

  /** Each notice with its project's name (the org directory) and its image rows (one query each for the page). */
  private async withImages(rows: NoticeListRow[]) {
    const ids = rows.flatMap((r) => r.imageIds);
    const [images, names] = await Promise.all([
      this.files.byIds(ids),
      this.directory.names(rows.map((r) => r.projectId)),
    ]);
    const byId = new Map(images.map((f) => [f.id, f]));
    return rows.map((r) => ({
      ...r,
      projectName: names.get(r.projectId) ?? r.projectName,
      images: r.imageIds.flatMap((id) => byId.get(id) ?? []),
    }));
  }
}
