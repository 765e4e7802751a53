import type { FileInfo } from '@anju/contracts';
import type { RecordHandoverInspectionBody, RefuseHandoverBody } from '@anju/contracts/handover';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import { presentFile } from '../../../platform/files/files.presenter.js';
import type { FileRow, FilesService, UploadInput } from '../../../platform/files/files.service.js';
import { assertPermission, pathInScope } from '../../../platform/rbac/scope.js';
import type { OwnershipHandoverCommand } from '../../customers/ownership-handover.js';
import type { UnitHandoverCommand } from '../../property/unit-handover.js';
import { UnitLookup } from '../../property/unit-lookup.js';
import type { TicketsModule } from '../../tickets/tickets.module.js';
import { presentAppointment, presentDefect, type StoredRefusal } from './handover.presenter.js';
import { HandoverRepository } from './handover.repository.js';
import type { HandoverAppointmentRow } from './handover.tables.js';
import type { HandoverBookingService } from './handover-booking.service.js';
import { openDefects, REFUSAL_ZH } from './handover-defects.js';

export const HANDOVER_FILES = 'handover_appointment';

/**
 * The handover day at the desk and in the home: check-in, the room-by-room inspection whose defects open repair
 * tickets, and the owner's signature (the home's handover date and the unit's status, through the customers and
 * property modules' commands) or refusal (a follow-up complaint for the CR team). Staff act within their subtree
 * with journeys.work; reads need journeys.read.
 */
export class HandoverDayService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly files: FilesService,
    private readonly tickets: TicketsModule,
    private readonly bookings: HandoverBookingService,
    private readonly ownerships: OwnershipHandoverCommand,
    private readonly units: UnitHandoverCommand,
  ) {
    files.registerAccess(
      HANDOVER_FILES,
      async (ctx, file) =>
        ctx.principal.permissions.has('journeys.read') && pathInScope(file.orgPath, ctx.principal.orgPath),
    );
  }

  private async row(ctx: RequestContext, id: string): Promise<HandoverAppointmentRow> {
    const row = await new HandoverRepository(this.db).appointment(id, ctx.principal.orgPath);
    if (!row) throw new AppError('HANDOVER_APPOINTMENT_NOT_FOUND');
    return row;
  }

  /** The appointment with its unit, owner, slot, photos (the signature among them) and defects. */
  async detail(row: HandoverAppointmentRow, present: (f: FileRow) => FileInfo = presentFile) {
    const repo = new HandoverRepository(this.db);
    const [units, names, slot, photos, defects] = await Promise.all([
      new UnitLookup(this.db).byIds([row.unitId]),
      this.ownerships.names([row.customerId]),
      row.slotId ? repo.slot(row.slotId) : Promise.resolve(null),
      this.files.list({ refType: HANDOVER_FILES, refId: row.id }),
      repo.defects([row.id]),
    ]);
    const files = new Map(photos.map((f) => [f.id, present(f)]));
    return {
      ...presentAppointment(row, {
        unit: new Map(units.map((u) => [u.id, u.code])),
        customer: names,
        slot: new Map(slot ? [[slot.id, slot]] : []),
      }),
      photos: [...files.values()],
      defects: defects.map((d) => presentDefect(d, files)),
    };
  }

  async get(ctx: RequestContext, id: string) {
    assertPermission(ctx.principal, 'journeys.read');
    return this.detail(await this.row(ctx, id));
  }

  /** The household arrived: its booking is checked in (none booked, or checked in already, is refused). */
  async checkIn(ctx: RequestContext, batchId: string, unitId: string) {
    assertPermission(ctx.principal, 'journeys.work');
    const batch = await this.bookings.batch(ctx, batchId);
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const repo = new HandoverRepository(tx);
      const current = await repo.lockAppointmentOf(batch.id, unitId);
      if (!current) {
        if (!(await repo.household(batch.id, unitId))) throw new AppError('HANDOVER_HOUSEHOLD_NOT_FOUND');
        throw new AppError('HANDOVER_NOT_BOOKED');
      }
      if (current.status === 'signed') throw new AppError('HANDOVER_ALREADY_SIGNED');
      if (current.status === 'checked_in') throw new AppError('HANDOVER_ALREADY_CHECKED_IN');
      if (current.status !== 'booked') throw new AppError('HANDOVER_NOT_BOOKED');
      const values = { status: 'checked_in', checkedInAt: now, checkedInBy: ctx.principal.userId };
      const row = await repo.updateAppointment(current.id, ['booked'], null, values, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: 'handover.check_in',
        entityType: 'handover_appointment',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { unitId, slotId: row.slotId },
      });
      return row;
    });
    return this.detail(row);
  }

  /** An appointment being inspected (checked in, not signed). */
  private async open(ctx: RequestContext, id: string, version?: number) {
    const row = await this.row(ctx, id);
    if (row.status === 'signed') throw new AppError('HANDOVER_ALREADY_SIGNED');
    if (row.status !== 'checked_in') throw new AppError('HANDOVER_NOT_CHECKED_IN');
    if (version !== undefined && version !== row.version) throw new AppError('VERSION_CONFLICT');
    return row;
  }

  /** A photo taken during the inspection (checked and stored like ticket photos; the same bytes again are one). */
  async uploadPhoto(ctx: RequestContext, id: string, read: () => Promise<UploadInput>) {
    assertPermission(ctx.principal, 'journeys.work');
    const row = await this.open(ctx, id);
    const prepared = await this.files.prepare(await read(), ['image']);
    const owner = { refType: HANDOVER_FILES, refId: row.id, role: 'inspection', orgPath: row.orgPath };
    const existing = await this.files.findDuplicate(owner, prepared.sha256);
    if (existing) return { file: existing, created: false };
    return { file: await this.files.save(ctx, prepared, owner), created: true };
  }

  /**
   * Records the inspection: items room by room, meter readings, keys handed, the fee explanation. Each defect not
   * recorded before opens a repair ticket (channel `handover`) linked to the appointment; everything is checked
   * before the first ticket opens, so bad input writes nothing.
   */
  async recordInspection(ctx: RequestContext, id: string, body: RecordHandoverInspectionBody) {
    assertPermission(ctx.principal, 'journeys.work');
    const row = await this.open(ctx, id, body.version);
    const photoIds = [...new Set([...body.items, ...body.defects].flatMap((x) => x.photoFileIds))];
    const owned = await this.files.owned(photoIds, { refType: HANDOVER_FILES, refId: row.id });
    if (owned.length !== photoIds.length) throw new AppError('PHOTO_INVALID');
    const categories = new Set((await this.tickets.slaAdmin.listDefectCategories()).map((c) => c.code));
    const unknown = body.defects.find((d) => !categories.has(d.categoryCode));
    if (unknown) throw new AppError('VALIDATION_FAILED', { field: 'defects', categoryCode: unknown.categoryCode });
    await openDefects(this.db, this.clock, this.tickets.tickets, ctx, row, body.defects);
    const now = this.clock.now();
    const updated = await this.db.transaction(async (tx) => {
      const values = {
        inspection: body.items.map((i) => ({ ...i, note: i.note ?? null })),
        meterReadings: body.meterReadings,
        keysHanded: body.keysHanded,
        feesAcknowledgedAt: body.feesAcknowledged ? (row.feesAcknowledgedAt ?? now) : null,
      };
      const updated = await new HandoverRepository(tx).updateAppointment(row.id, ['checked_in'], null, values, now);
      if (!updated) throw new AppError('HANDOVER_NOT_CHECKED_IN');
      await this.audit.record(tx, ctx, {
        action: 'handover.inspect',
        entityType: 'handover_appointment',
        entityId: row.id,
        orgPath: row.orgPath,
        after: {
          failed: body.items.filter((i) => !i.ok).map((i) => `${i.room}.${i.key}`),
          meterReadings: body.meterReadings,
          keysHanded: body.keysHanded,
          feesAcknowledged: body.feesAcknowledged,
          defects: body.defects.length,
        },
      });
      return updated;
    });
    return this.detail(updated);
  }

  /**
   * The owner signs on the tablet: the signature image is stored, the appointment is signed, the home's handover
   * date is today (China) and a sold unit becomes delivered — one transaction, so a second signature finds it
   * signed (409) and stores nothing.
   */
  async sign(ctx: RequestContext, id: string, body: { version: number; signaturePng: string }) {
    assertPermission(ctx.principal, 'journeys.work');
    const row = await this.open(ctx, id, body.version);
    if (!row.inspection || !row.feesAcknowledgedAt) throw new AppError('HANDOVER_INSPECTION_INCOMPLETE');
    const buffer = Buffer.from(body.signaturePng.slice(body.signaturePng.indexOf(',') + 1), 'base64');
    const prepared = await this.files.prepare({ buffer, name: 'signature.png' }, ['image']).catch(() => null);
    if (prepared?.type.ext !== 'png') throw new AppError('HANDOVER_SIGNATURE_INVALID');
    const [unit] = await new UnitLookup(this.db).byIds([row.unitId]);
    if (!unit) throw new AppError('HANDOVER_HOUSEHOLD_NOT_FOUND');
    const now = this.clock.now();
    const date = chinaDate(now);
    const done: { row: HandoverAppointmentRow | null } = { row: null };
    const owner = { refType: HANDOVER_FILES, refId: row.id, role: 'signature', orgPath: row.orgPath };
    await this.files.save(ctx, prepared, owner, async (tx, file) => {
      const repo = new HandoverRepository(tx);
      const values = { status: 'signed', signedAt: now, signatureFileId: file.id };
      done.row = await repo.updateAppointment(row.id, ['checked_in'], body.version, values, now);
      if (!done.row) {
        const fresh = await repo.appointment(row.id);
        throw new AppError(fresh?.status === 'signed' ? 'HANDOVER_ALREADY_SIGNED' : 'VERSION_CONFLICT');
      }
      await this.ownerships.recordHandover(tx, ctx, row.ownershipId, unit, date);
      const delivered = await this.units.deliver(tx, ctx, unit, date);
      await this.audit.record(tx, ctx, {
        action: 'handover.sign',
        entityType: 'handover_appointment',
        entityId: row.id,
        orgPath: row.orgPath,
        after: { unitId: row.unitId, date, signatureFileId: file.id, unitDelivered: delivered },
      });
    });
    if (!done.row) throw new AppError('INTERNAL');
    return this.detail(done.row);
  }

  /** The owner will not take the keys: the reasons are recorded and a complaint opens for the CR team's follow-up. */
  async refuse(ctx: RequestContext, id: string, body: RefuseHandoverBody) {
    assertPermission(ctx.principal, 'journeys.work');
    const row = await this.open(ctx, id, body.version);
    const [unit] = await new UnitLookup(this.db).byIds([row.unitId]);
    const now = this.clock.now();
    const reasons = [...new Set(body.reasons)];
    const words = reasons.map((r) => REFUSAL_ZH[r]).join('、');
    const done: { row: HandoverAppointmentRow | null } = { row: null };
    await this.tickets.tickets.openHandoverRefusal(
      ctx,
      {
        unitId: row.unitId,
        customerId: row.customerId,
        title: `交房拒收：${unit?.projectName ?? ''} ${unit?.code ?? ''}`.trim(),
        description: `业主拒收钥匙，原因：${words}。${body.note}`.trim(),
      },
      async (tx, ticketId, number) => {
        const repo = new HandoverRepository(tx);
        const refusal: StoredRefusal = { codes: reasons, followUp: { id: ticketId, number } };
        const values = { status: 'refused', refusedAt: now, refusalReasons: refusal, refusalNote: body.note || null };
        done.row = await repo.updateAppointment(row.id, ['checked_in'], body.version, values, now);
        if (!done.row) {
          const fresh = await repo.appointment(row.id);
          throw new AppError(fresh?.status === 'signed' ? 'HANDOVER_ALREADY_SIGNED' : 'VERSION_CONFLICT');
        }
        await this.audit.record(tx, ctx, {
          action: 'handover.refuse',
          entityType: 'handover_appointment',
          entityId: row.id,
          orgPath: row.orgPath,
          after: { reasons, note: body.note, ticket: number },
        });
      },
    );
    if (!done.row) throw new AppError('INTERNAL');
    return this.detail(done.row);
  }
}
