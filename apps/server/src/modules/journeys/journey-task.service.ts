import type {
  CompleteJourneyTaskBody,
  JourneyStep,
  JourneyTask,
  listJourneyTasksQuery,
} from '@anju/contracts/journeys';
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { FileRow, FilesService, UploadInput } from '../../platform/files/files.service.js';
import { cursorParts, decodeCursor, pageOf } from '../../platform/http/cursor.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { OrgDirectory } from '../org/org-directory.js';
import { UnitLookup } from '../property/unit-lookup.js';
import type { ClockService } from '../sla/clock.service.js';
import type { TicketService } from '../tickets/ticket.service.js';
import { DisclosureRepository } from './disclosure/disclosure.repository.js';
import type { JourneyTaskRow } from './journey.tables.js';
import { JOURNEY_TASK_CLOCKS } from './journey-clocks.js';
import { JourneyTaskRepository } from './journey-task.repository.js';
import { JourneyTemplateRepository } from './journey-template.repository.js';
import { stepsOf } from './journey-template.service.js';

type ListQuery = z.infer<typeof listJourneyTasksQuery>;
const taskCursor = zod.object({ d: zod.iso.date(), id: cursorParts.uuid });

/** A task row as the API shows it, with its project's name and its unit's code. */
export const presentTask = (
  t: JourneyTaskRow,
  names: { project: Map<string, string>; unit: Map<string, string> },
): JourneyTask => ({
  id: t.id,
  subjectKind: t.subjectKind as JourneyTask['subjectKind'],
  projectId: t.projectId,
  projectName: names.project.get(t.projectId) ?? null,
  batchId: t.batchId,
  unitId: t.unitId,
  unitCode: t.unitId ? (names.unit.get(t.unitId) ?? null) : null,
  customerId: t.customerId,
  templateId: t.templateId,
  templateVersion: t.templateVersion,
  stepKey: t.stepKey,
  occurrence: t.occurrence,
  name: { zh: t.nameZh, en: t.nameEn },
  kind: t.kind as JourneyTask['kind'],
  performer: t.performer as JourneyTask['performer'],
  anchorUsed: t.anchorUsed as JourneyTask['anchorUsed'],
  anchorDate: t.anchorDate,
  dueDate: t.dueDate,
  status: t.status as JourneyTask['status'],
  outcome: t.outcome as JourneyTask['outcome'],
  notes: t.notes,
  attempts: t.attempts,
  checklist: t.checklist
    ? (t.checklist as NonNullable<JourneyTask['checklist']>).map((c) => ({ ...c, photoFileIds: c.photoFileIds ?? [] }))
    : null,
  completedAt: t.completedAt?.toISOString() ?? null,
  version: t.version,
});

/** Checklist photos are stored under their task. */
const TASK_FILE_REF = 'journey_task';

/** Staff doing the journey work: the task queue by due date, a task with its step, recording the outcome. */
export class JourneyTaskService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly clocks: ClockService,
    private readonly tickets: TicketService,
    private readonly files: FilesService,
  ) {}

  /** A photo for a checklist item of an open task, stored under the task (the record then names it). */
  async uploadPhoto(ctx: RequestContext, id: string, read: () => Promise<UploadInput>): Promise<FileRow> {
    assertPermission(ctx.principal, 'journeys.work');
    const task = await this.row(ctx, id);
    if (task.status !== 'open') throw new AppError('JOURNEY_TASK_CLOSED');
    const prepared = await this.files.prepare(await read(), ['image']);
    return this.files.save(ctx, prepared, { refType: TASK_FILE_REF, refId: id, orgPath: task.orgPath });
  }

  private async names(rows: JourneyTaskRow[]) {
    const unitIds = [...new Set(rows.flatMap((r) => (r.unitId ? [r.unitId] : [])))];
    const [project, units] = await Promise.all([
      this.directory.names(rows.map((r) => r.projectId)),
      unitIds.length ? new UnitLookup(this.db).byIds(unitIds) : Promise.resolve([]),
    ]);
    return { project, unit: new Map(units.map((u) => [u.id, u.code])) };
  }

  async list(ctx: RequestContext, q: ListQuery) {
    assertPermission(ctx.principal, 'journeys.read');
    const after = decodeCursor(q.cursor, taskCursor);
    const rows = await new JourneyTaskRepository(this.db).list(
      {
        scopePath: ctx.principal.orgPath,
        status: q.status,
        projectId: q.projectId,
        stepKey: q.stepKey,
        dueBefore: q.dueBefore,
      },
      after ? { dueDate: after.d, id: after.id } : null,
      q.limit + 1,
    );
    const page = pageOf(rows, q.limit, (r) => ({ d: r.dueDate, id: r.id }));
    const names = await this.names(page.items);
    return { items: page.items.map((r) => presentTask(r, names)), nextCursor: page.nextCursor };
  }

  private async row(ctx: RequestContext, id: string) {
    const row = await new JourneyTaskRepository(this.db).find(id, ctx.principal.orgPath);
    if (!row) throw new AppError('JOURNEY_TASK_NOT_FOUND');
    return row;
  }

  private async stepOf(row: JourneyTaskRow) {
    const steps = stepsOf(await new JourneyTemplateRepository(this.db).stepsAt(row.templateId, row.templateVersion));
    return steps.find((s) => s.key === row.stepKey) ?? null;
  }

  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'journeys.read');
    const row = await this.row(ctx, id);
    return this.detail(row, await this.stepOf(row));
  }

  private async detail(row: JourneyTaskRow, step: JourneyStep | null) {
    const links = await new JourneyTaskRepository(this.db).tickets(row.id);
    return {
      ...presentTask(row, await this.names([row])),
      step,
      tickets: links.map((l) => ({ itemKey: l.itemKey, ticketId: l.ticketId, number: l.ticketNumber })),
    };
  }

  /**
   * Each failed checklist item of a household's task opens a repair ticket (channel `inspection`) on the unit and
   * the room and category the inspector gave, once per item (a retried record skips items already linked).
   */
  private async openRepairs(
    ctx: RequestContext,
    task: JourneyTaskRow,
    step: JourneyStep,
    body: CompleteJourneyTaskBody,
  ) {
    if (!task.unitId || body.outcome === 'not_reached') return;
    const failed = body.checklist.filter((c) => !c.ok);
    if (failed.length === 0) return;
    const linked = new Set((await new JourneyTaskRepository(this.db).tickets(task.id)).map((l) => l.itemKey));
    for (const item of failed) {
      if (linked.has(item.key)) continue;
      const label = step.checklist.find((c) => c.key === item.key);
      await this.tickets.openFromInspection(
        ctx,
        {
          channel: 'inspection',
          unitId: task.unitId,
          customerId: task.customerId,
          room: item.room,
          categoryCode: item.categoryCode,
          title: label?.zh ?? item.key,
          description: item.note ?? '',
        },
        (tx, ticketId, number) =>
          new JourneyTaskRepository(tx).linkTicket(task.id, item.key, { id: ticketId, number }, this.clock.now()),
      );
    }
  }

  /** A step that needs the risk disclosure: the buyer acknowledged the project's pack, if it published one. */
  private async assertDisclosed(task: JourneyTaskRow) {
    if (!task.customerId) return;
    const disclosures = new DisclosureRepository(this.db);
    if (!(await disclosures.find(task.projectId))) return;
    if (!(await disclosures.hasAcknowledged(task.projectId, task.customerId))) {
      throw new AppError('DISCLOSURE_NOT_ACKNOWLEDGED');
    }
  }

  /**
   * Records a task's outcome: reached or done closes it with the checklist result of each item the step has; not
   * reached counts a try and leaves it open for the next one.
   */
  async complete(ctx: RequestContext, id: string, body: CompleteJourneyTaskBody) {
    assertPermission(ctx.principal, 'journeys.work');
    const current = await this.row(ctx, id);
    if (current.status !== 'open') throw new AppError('JOURNEY_TASK_CLOSED');
    const step = await this.stepOf(current);
    const known = new Set(step?.checklist.map((c) => c.key) ?? []);
    const unknown = body.checklist.find((c) => !known.has(c.key));
    if (unknown) throw new AppError('VALIDATION_FAILED', { field: 'checklist', key: unknown.key });
    const photos = [...new Set(body.checklist.flatMap((c) => c.photoFileIds))];
    if (photos.length) {
      const owned = await this.files.owned(photos, { refType: TASK_FILE_REF, refId: id });
      if (owned.length !== photos.length) throw new AppError('PHOTO_INVALID');
    }
    if (step?.requiresDisclosure && body.outcome !== 'not_reached') await this.assertDisclosed(current);
    if (step) await this.openRepairs(ctx, current, step, body);
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const repo = new JourneyTaskRepository(tx);
      const notes = body.notes ?? null;
      const row =
        body.outcome === 'not_reached'
          ? await repo.recordAttempt(id, body.version, notes, now)
          : await repo.complete(
              id,
              body.version,
              {
                outcome: body.outcome,
                notes,
                checklist: body.checklist.map((c) => ({
                  key: c.key,
                  ok: c.ok,
                  note: c.note ?? null,
                  photoFileIds: c.photoFileIds,
                })),
                completedBy: ctx.principal.userId,
              },
              now,
            );
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (row.status === 'done') await this.clocks.stop(tx, { type: JOURNEY_TASK_CLOCKS, id }, ['task'], now);
      await this.audit.record(tx, ctx, {
        action: 'journey_task.complete',
        entityType: 'journey_task',
        entityId: id,
        orgPath: row.orgPath,
        after: {
          step: row.stepKey,
          outcome: body.outcome,
          failed: body.checklist.filter((c) => !c.ok).map((c) => c.key),
        },
      });
      return row;
    });
    return this.detail(row, step);
  }
}
