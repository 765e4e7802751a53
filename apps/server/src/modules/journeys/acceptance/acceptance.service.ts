import type {
  AcceptanceFinding,
  listAcceptanceFindingsQuery,
  listMyAcceptanceFindingsQuery,
  RecordAcceptanceFindingBody,
  UpdateAcceptanceFindingBody,
} from '@anju/contracts/acceptance';
import type { z } from 'zod';
import { z as zod } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Executor } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { FileRow, FilesService, UploadInput } from '../../../platform/files/files.service.js';
import { cursorParts, decodeCursor, pageOf, timeIdCursor } from '../../../platform/http/cursor.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { OrgDirectory } from '../../org/org-directory.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import type { ClockService } from '../../sla/clock.service.js';
import type { AcceptanceFindingRow } from '../handover/handover.tables.js';
import type { HandoverBookingService } from '../handover/handover-booking.service.js';
import { AcceptanceRepository } from './acceptance.repository.js';
import { AcceptanceChecklistSources } from './acceptance-checklist.js';
import { findingClock, stopFindingClock } from './acceptance-clocks.js';

const draftRef = (userId: string) => ({ refType: 'acceptance_draft', refId: userId });
export const FINDING_FILE_REF = 'acceptance_finding';
const dueCursor = zod.object({ t: cursorParts.time, id: cursorParts.uuid });

/**
 * Simulated acceptance (模拟验收): before a batch is delivered, staff inspect its units with the handover checklist;
 * each finding is internal rectification work for the responsible contractor with its own clock — never a customer
 * ticket, never shown to owners. Blocking findings not yet verified keep the batch from delivery unless a CR manager
 * overrides with a reason (the property module asks `guardDelivery`).
 */
export class AcceptanceService {
  /** Items other modules add to every batch's checklist (quality's accepted lessons learned). */
  readonly checklistSources = new AcceptanceChecklistSources();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly directory: OrgDirectory,
    private readonly clocks: ClockService,
    private readonly files: FilesService,
    private readonly batches: HandoverBookingService,
  ) {}

  async uploadPhoto(ctx: RequestContext, read: () => Promise<UploadInput>): Promise<FileRow> {
    assertPermission(ctx.principal, 'journeys.work');
    const prepared = await this.files.prepare(await read(), ['image']);
    return this.files.save(ctx, prepared, { ...draftRef(ctx.principal.userId), orgPath: ctx.principal.orgPath });
  }

  async record(ctx: RequestContext, batchId: string, body: RecordAcceptanceFindingBody) {
    assertPermission(ctx.principal, 'journeys.work');
    const batch = await this.batches.batch(ctx, batchId);
    const unit = await new UnitLookup(this.db).byIdInScope(body.unitId, batch.orgPath);
    if (!unit || unit.deliveryBatchId !== batchId) throw new AppError('ACCEPTANCE_UNIT_NOT_IN_BATCH');
    if (unit.deliveredOn || (batch.anchors as { actualDelivery?: string }).actualDelivery) {
      throw new AppError('ACCEPTANCE_BATCH_DELIVERED');
    }
    const contractorId = body.contractorId ?? null;
    if (contractorId) {
      const company = await this.directory.companyOf(batch.projectId);
      const serving = company ? await this.directory.contractors(company.path) : [];
      if (!serving.some((c) => c.id === contractorId)) throw new AppError('ACCEPTANCE_CONTRACTOR_INVALID');
    }
    if (body.photoFileIds.length) {
      const owned = await this.files.owned(body.photoFileIds, draftRef(ctx.principal.userId));
      if (owned.length !== new Set(body.photoFileIds).size) throw new AppError('PHOTO_INVALID');
    }
    const now = this.clock.now();
    const { calendar } = await this.clocks.calendarOf(this.db, batch.companyId);
    const row = await this.db.transaction(async (tx) => {
      const id = crypto.randomUUID();
      const clock = findingClock(this.clocks, { id, orgPath: batch.orgPath, severity: body.severity }, calendar, now);
      const row = await new AcceptanceRepository(tx).insert({
        id,
        batchId,
        projectId: batch.projectId,
        orgPath: batch.orgPath,
        unitId: unit.id,
        room: body.room,
        categoryCode: body.categoryCode,
        severity: body.severity,
        description: body.description,
        photoFileIds: body.photoFileIds,
        contractorId,
        dueAt: clock.dueAt,
        createdAt: now,
        createdBy: ctx.principal.userId,
        updatedAt: now,
      });
      await this.clocks.write(tx, clock.rows);
      if (body.photoFileIds.length) {
        await this.files.reassign(tx, body.photoFileIds, draftRef(ctx.principal.userId), {
          refType: FINDING_FILE_REF,
          refId: id,
          orgPath: batch.orgPath,
        });
      }
      await this.audit.record(tx, ctx, {
        action: 'acceptance_finding.record',
        entityType: 'acceptance_finding',
        entityId: id,
        orgPath: batch.orgPath,
        after: { unit: unit.code, room: body.room, category: body.categoryCode, severity: body.severity },
      });
      return row;
    });
    return (await this.present([row]))[0] as AcceptanceFinding;
  }

  async list(ctx: RequestContext, batchId: string, q: z.output<typeof listAcceptanceFindingsQuery>) {
    assertPermission(ctx.principal, 'journeys.read');
    const batch = await this.batches.batch(ctx, batchId);
    const after = decodeCursor(q.cursor, timeIdCursor);
    const repo = new AcceptanceRepository(this.db);
    const rows = await repo.ofBatch(
      batch.id,
      { status: q.status, severity: q.severity },
      after ? { createdAt: new Date(after.t), id: after.id } : null,
      q.limit + 1,
    );
    const page = pageOf(rows, q.limit, (r) => ({ t: r.createdAt.toISOString(), id: r.id }));
    return {
      items: await this.present(page.items),
      nextCursor: page.nextCursor,
      summary: await repo.summary(batch.id),
    };
  }

  /**
   * What the inspectors check on this batch besides the handover checklist, computed when read (not snapshotted):
   * a batch not yet delivered has every item known now; a delivered one those known by the end of its delivery day.
   */
  async checklist(ctx: RequestContext, batchId: string) {
    assertPermission(ctx.principal, 'journeys.read');
    const batch = await this.batches.batch(ctx, batchId);
    const delivered = (batch.anchors as { actualDelivery?: string }).actualDelivery;
    const asOf = delivered ? new Date(`${delivered}T23:59:59.999+08:00`) : this.clock.now();
    const items = await this.checklistSources.itemsFor(this.db, {
      projectId: batch.projectId,
      projectPath: batch.orgPath,
      companyId: batch.companyId,
      asOf,
    });
    return { items };
  }

  /** A contractor's rectification work: the findings given to their organisation, the most urgent first. */
  async listMine(ctx: RequestContext, q: z.output<typeof listMyAcceptanceFindingsQuery>) {
    assertPermission(ctx.principal, 'workorders.handle');
    if (ctx.principal.orgUnitType !== 'contractor') return { items: [], nextCursor: null };
    const after = decodeCursor(q.cursor, dueCursor);
    const rows = await new AcceptanceRepository(this.db).ofContractor(
      ctx.principal.orgUnitId,
      q.status,
      after ? { dueAt: new Date(after.t), id: after.id } : null,
      q.limit + 1,
    );
    const page = pageOf(rows, q.limit, (r) => ({ t: r.dueAt.toISOString(), id: r.id }));
    return { items: await this.present(page.items), nextCursor: page.nextCursor };
  }

  /** May this caller act on the finding? Staff in its subtree; the contractor it was given to, to rectify it. */
  private async findingFor(ctx: RequestContext, id: string, action: UpdateAcceptanceFindingBody['action']) {
    const row = await new AcceptanceRepository(this.db).find(id);
    const contractor =
      row !== null &&
      ctx.principal.orgUnitType === 'contractor' &&
      row.contractorId === ctx.principal.orgUnitId &&
      ctx.principal.permissions.has('workorders.handle');
    const staff = row !== null && pathInScope(row.orgPath, ctx.principal.orgPath);
    if (!row || (!contractor && !staff)) throw new AppError('ACCEPTANCE_FINDING_NOT_FOUND');
    if (!(contractor && action === 'rectify')) assertPermission(ctx.principal, 'journeys.work');
    return row;
  }

  async update(ctx: RequestContext, id: string, body: UpdateAcceptanceFindingBody) {
    const current = await this.findingFor(ctx, id, body.action);
    const from = { rectify: 'open', verify: 'rectified', reopen: 'rectified' } as const;
    if (current.status !== from[body.action]) {
      throw new AppError('ACCEPTANCE_FINDING_STATE', { status: current.status, action: body.action });
    }
    const now = this.clock.now();
    const by = ctx.principal.userId;
    const note = body.note || null;
    const patch =
      body.action === 'rectify'
        ? { status: 'rectified', rectifiedAt: now, rectifiedBy: by, rectificationNote: note }
        : body.action === 'verify'
          ? { status: 'verified', verifiedAt: now, verifiedBy: by }
          : { status: 'open', rectifiedAt: null, rectifiedBy: null, rectificationNote: note };
    const row = await this.db.transaction(async (tx) => {
      const row = await new AcceptanceRepository(tx).move(id, body.version, from[body.action], patch, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (body.action === 'verify') await stopFindingClock(tx, this.clocks, id, now);
      await this.audit.record(tx, ctx, {
        action: `acceptance_finding.${body.action}`,
        entityType: 'acceptance_finding',
        entityId: id,
        orgPath: row.orgPath,
        before: { status: current.status },
        after: { status: row.status, note },
      });
      return row;
    });
    return (await this.present([row]))[0] as AcceptanceFinding;
  }

  /**
   * Asked by the property module inside the transaction that delivers a batch: blocking findings not yet verified
   * refuse it, unless a CR manager (journeys.manage) gives the reason to deliver anyway — recorded in the audit log.
   */
  async guardDelivery(tx: Executor, ctx: RequestContext, batch: { id: string; orgPath: string }, reason?: string) {
    const open = await new AcceptanceRepository(tx).openBlocking(batch.id);
    if (open === 0) return;
    if (!reason) throw new AppError('ACCEPTANCE_FINDINGS_OPEN', { openBlocking: open });
    assertPermission(ctx.principal, 'journeys.manage');
    await this.audit.record(tx, ctx, {
      action: 'delivery_batch.override',
      entityType: 'delivery_batch',
      entityId: batch.id,
      orgPath: batch.orgPath,
      after: { openBlocking: open, reason },
    });
  }

  /** A finding's photo: staff of its subtree, or the contractor it was given to. */
  async mayReadPhoto(ctx: RequestContext, file: FileRow) {
    if (pathInScope(file.orgPath, ctx.principal.orgPath)) return true;
    if (ctx.principal.orgUnitType !== 'contractor') return false;
    const finding = await new AcceptanceRepository(this.db).find(file.refId);
    return finding?.contractorId === ctx.principal.orgUnitId;
  }

  private async present(rows: AcceptanceFindingRow[]): Promise<AcceptanceFinding[]> {
    const [units, names] = await Promise.all([
      new UnitLookup(this.db).byIds(rows.map((r) => r.unitId)),
      this.directory.names(rows.map((r) => r.contractorId)),
    ]);
    const code = new Map(units.map((u) => [u.id, u.code]));
    const now = this.clock.now();
    return rows.map((r) => ({
      id: r.id,
      batchId: r.batchId,
      projectId: r.projectId,
      unitId: r.unitId,
      unitCode: code.get(r.unitId) ?? '',
      room: r.room as AcceptanceFinding['room'],
      categoryCode: r.categoryCode,
      severity: r.severity as AcceptanceFinding['severity'],
      description: r.description,
      photoFileIds: r.photoFileIds as string[],
      contractorId: r.contractorId,
      contractorName: r.contractorId ? (names.get(r.contractorId) ?? null) : null,
      status: r.status as AcceptanceFinding['status'],
      rectificationNote: r.rectificationNote,
      rectifiedAt: r.rectifiedAt?.toISOString() ?? null,
      verifiedAt: r.verifiedAt?.toISOString() ?? null,
      dueAt: r.dueAt.toISOString(),
      overdue: r.status !== 'verified' && r.dueAt < now,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    }));
  }
}
