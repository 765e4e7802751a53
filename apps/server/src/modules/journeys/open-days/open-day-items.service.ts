import type { FileInfo } from '@anju/contracts';
import type { OpenDayItem, RecordOpenDaySuggestionBody, RectifyOpenDayIssueBody } from '@anju/contracts/open-days';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import { chinaDate } from '../../../platform/china-time.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { EventBus } from '../../../platform/events/event-bus.js';
import { presentFile } from '../../../platform/files/files.presenter.js';
import type { FilesService, UploadInput } from '../../../platform/files/files.service.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import { photoIdsOf, presentItem } from './open-day.presenter.js';
import { OpenDayRepository } from './open-day.repository.js';
import type { OpenDayService } from './open-day.service.js';
import type { OpenDayItemRow } from './open-day.tables.js';
import type { OpenDayInvitations } from './open-day-invitations.js';

/** Photos chosen on the tablet before the item is recorded wait under the uploader. */
const draftRef = (userId: string) => ({ refType: 'open_day_draft', refId: userId });
export const OPEN_DAY_ITEM_ANSWERED = 'open_day_item.answered';
export const OPEN_DAY_ITEM_VERIFIED = 'open_day_item.verified';

/**
 * What an open day collects: owners' suggestions, each answered to the owner (visible in the portal at once, and by
 * SMS with their consent), and engineering issues, tracked until rectified and verified (or sent back).
 */
export class OpenDayItemService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly files: FilesService,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly days: OpenDayService,
    private readonly invitations: OpenDayInvitations,
  ) {}

  async uploadPhoto(ctx: RequestContext, read: () => Promise<UploadInput>) {
    assertPermission(ctx.principal, 'journeys.work');
    const prepared = await this.files.prepare(await read(), ['image']);
    return this.files.save(ctx, prepared, { ...draftRef(ctx.principal.userId), orgPath: ctx.principal.orgPath });
  }

  private async present(row: OpenDayItemRow): Promise<OpenDayItem> {
    const [names, photos] = await Promise.all([
      this.customers.read.namesOf(row.customerId ? [row.customerId] : []),
      this.files.byIds(photoIdsOf(row)),
    ]);
    return presentItem(row, names, new Map<string, FileInfo>(photos.map((f) => [f.id, presentFile(f)])));
  }

  private async item(ctx: RequestContext, id: string, itemId: string) {
    const day = await this.days.row(ctx, id);
    const item = await new OpenDayRepository(this.db).item(day.id, itemId);
    if (!item) throw new AppError('OPEN_DAY_ITEM_NOT_FOUND');
    return { day, item };
  }

  /**
   * Records a suggestion or an engineering issue raised at the open day, from its day on. A suggestion names the
   * owner (a buyer of the project) its answer must reach; an issue may. The first item makes the day held.
   */
  async record(ctx: RequestContext, id: string, body: RecordOpenDaySuggestionBody): Promise<OpenDayItem> {
    assertPermission(ctx.principal, 'journeys.work');
    const day = await this.days.row(ctx, id);
    const now = this.clock.now();
    if (day.status === 'cancelled') throw new AppError('OPEN_DAY_CLOSED');
    if (chinaDate(now) < day.heldOn) throw new AppError('OPEN_DAY_NOT_TODAY', { heldOn: day.heldOn });
    const customerId = body.customerId ?? null;
    if (body.kind === 'suggestion' && !customerId) throw new AppError('OPEN_DAY_SUGGESTION_OWNER_REQUIRED');
    const home = customerId
      ? (await this.customers.read.homesOf([customerId])).find((h) => h.projectId === day.projectId)
      : null;
    if (customerId && !home) throw new AppError('OPEN_DAY_NOT_A_BUYER');
    const photoIds = [...new Set(body.photoFileIds)];
    const row = await this.db.transaction(async (tx) => {
      const repo = new OpenDayRepository(tx);
      const row = await repo.insertItem({
        openDayId: day.id,
        projectId: day.projectId,
        orgPath: day.orgPath,
        kind: body.kind,
        customerId,
        unitId: home?.unitId ?? null,
        categoryCode: body.categoryCode,
        content: body.content,
        photoFileIds: photoIds,
        createdAt: now,
        createdBy: ctx.principal.userId,
        updatedAt: now,
      });
      await this.files.reassign(tx, photoIds, draftRef(ctx.principal.userId), {
        refType: 'open_day_item',
        refId: row.id,
        orgPath: day.orgPath,
      });
      await repo.markHeld(day.id, now);
      await this.audit.record(tx, ctx, {
        action: 'open_day_item.record',
        entityType: 'open_day_item',
        entityId: row.id,
        orgPath: day.orgPath,
        after: { openDayId: day.id, kind: body.kind, customerId, category: body.categoryCode, photos: photoIds.length },
      });
      return row;
    });
    return this.present(row);
  }

  /**
   * Answers a suggestion: the answer is delivered to the owner on commit — shown in their portal, and by SMS when
   * they consented (the outbox, one message per suggestion). Only then does it count for the reply rate.
   */
  async answer(ctx: RequestContext, id: string, itemId: string, body: { version: number; answer: string }) {
    assertPermission(ctx.principal, 'journeys.work');
    const { day, item } = await this.item(ctx, id, itemId);
    if (item.kind !== 'suggestion') throw new AppError('OPEN_DAY_ITEM_KIND_MISMATCH');
    if (item.status !== 'open') throw new AppError('OPEN_DAY_ITEM_STATE', { status: item.status });
    const message = await this.invitations.answerMessage(day, item, body.answer);
    const now = this.clock.now();
    const row = await this.db.transaction(async (tx) => {
      const row = await new OpenDayRepository(tx).moveItem(
        item.id,
        body.version,
        'open',
        { status: 'answered', answer: body.answer, answeredAt: now, answeredBy: ctx.principal.userId },
        now,
      );
      if (!row) throw new AppError('VERSION_CONFLICT');
      if (message) await this.messaging.send(tx, message);
      await this.audit.record(tx, ctx, {
        action: 'open_day_item.answer',
        entityType: 'open_day_item',
        entityId: item.id,
        orgPath: item.orgPath,
        after: { answer: body.answer, sms: message !== null },
      });
      await this.events.record(tx, ctx, [
        {
          name: OPEN_DAY_ITEM_ANSWERED,
          subjectType: 'open_day_item',
          subjectId: item.id,
          orgPath: item.orgPath,
          payload: { openDayId: day.id, customerId: item.customerId },
        },
      ]);
      return row;
    });
    return this.present(row);
  }

  /** An engineering issue: rectified with a note, then verified — or sent back to open with the reason. */
  async rectify(ctx: RequestContext, id: string, itemId: string, body: RectifyOpenDayIssueBody) {
    assertPermission(ctx.principal, body.action === 'rectify' ? 'journeys.work' : 'journeys.manage');
    const { day, item } = await this.item(ctx, id, itemId);
    if (item.kind !== 'issue') throw new AppError('OPEN_DAY_ITEM_KIND_MISMATCH');
    const note = body.note?.trim() || null;
    if (body.action !== 'verify' && !note) throw new AppError('OPEN_DAY_NOTE_REQUIRED');
    const from = body.action === 'rectify' ? 'open' : 'rectified';
    if (item.status !== from) throw new AppError('OPEN_DAY_ITEM_STATE', { status: item.status });
    const now = this.clock.now();
    const by = ctx.principal.userId;
    const patch =
      body.action === 'rectify'
        ? { status: 'rectified', rectificationNote: note, rectifiedAt: now, rectifiedBy: by }
        : body.action === 'verify'
          ? { status: 'verified', verifiedAt: now, verifiedBy: by }
          : {
              status: 'open',
              rectificationNote: `${item.rectificationNote ?? ''}\n退回：${note}`.trim(),
              rectifiedAt: null,
              rectifiedBy: null,
            };
    const row = await this.db.transaction(async (tx) => {
      const row = await new OpenDayRepository(tx).moveItem(item.id, body.version, from, patch, now);
      if (!row) throw new AppError('VERSION_CONFLICT');
      await this.audit.record(tx, ctx, {
        action: `open_day_item.${body.action}`,
        entityType: 'open_day_item',
        entityId: item.id,
        orgPath: item.orgPath,
        before: { status: item.status },
        after: { status: row.status, note },
      });
      if (body.action === 'verify') {
        await this.events.record(tx, ctx, [
          {
            name: OPEN_DAY_ITEM_VERIFIED,
            subjectType: 'open_day_item',
            subjectId: item.id,
            orgPath: item.orgPath,
            payload: { openDayId: day.id },
          },
        ]);
      }
      return row;
    });
    return this.present(row);
  }
}
