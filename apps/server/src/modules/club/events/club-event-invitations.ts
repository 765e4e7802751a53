import type { inviteEventSegmentBody } from '@anju/contracts/club-events';
import type { z } from 'zod';
import type { AuditService } from '../../../platform/audit/audit.service.js';
import type { RequestContext } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { AppError } from '../../../platform/errors.js';
import type { MessagingService } from '../../../platform/messaging/messaging.service.js';
import { assertPermission } from '../../../platform/rbac/scope.js';
import type { CustomersModule } from '../../customers/customers.module.js';
import type { ClubMemberService } from '../member.service.js';
import { ClubEventRepository } from './club-event.repository.js';
import type { ClubEventService } from './club-event.service.js';
import { eventsLink, whenText } from './club-event-promotions.js';

const PAGE = 200;
/** Members one invitation reaches at most (the segment is read page by page, never in one query). */
export const MAX_INVITED = 5000;

/**
 * The SMS invitation of an event to a segment of members (the members list's filters, in the caller's scope): only
 * members whose customer consented to SMS and has a phone, each at most once per event (the invitations table's key),
 * each page in one transaction with its outbox rows.
 */
export class ClubEventInvitations {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly messaging: MessagingService,
    private readonly customers: CustomersModule,
    private readonly members: ClubMemberService,
    private readonly clubEvents: ClubEventService,
    private readonly portalUrl: string,
  ) {}

  async invite(ctx: RequestContext, eventId: string, segment: z.output<typeof inviteEventSegmentBody>) {
    assertPermission(ctx.principal, 'club.manage');
    const event = await this.clubEvents.get(ctx, eventId);
    if (event.status === 'cancelled') throw new AppError('CLUB_EVENT_CLOSED', { reason: 'cancelled' });
    if (event.endsAt <= this.clock.now()) throw new AppError('CLUB_EVENT_CLOSED', { reason: 'over' });
    const body = `【安居】诚邀您参加会员活动「${event.title}」，${whenText(event.startsAt)}${event.venue ? `，地点：${event.venue}` : ''}。报名：${eventsLink(this.portalUrl)}`;
    let invited = 0;
    let seen = 0;
    let before: { joinedAt: Date; id: string } | undefined;
    while (seen < MAX_INVITED) {
      const page = await this.members.list(ctx, { ...segment, before, limit: PAGE });
      const active = page.filter((m) => m.status === 'active');
      seen += page.length;
      const phones = new Map(
        (await this.customers.read.smsContacts(active.map((m) => m.customerId))).map((c) => [c.customerId, c.phone]),
      );
      const reachable = active.filter((m) => phones.has(m.customerId));
      invited += await this.db.transaction(async (tx) => {
        const now = this.clock.now();
        const fresh = await new ClubEventRepository(tx).invite(
          reachable.map((m) => ({
            eventId: event.id,
            memberId: m.id,
            customerId: m.customerId,
            invitedAt: now,
            invitedBy: ctx.principal.userId,
          })),
        );
        for (const m of reachable.filter((x) => fresh.has(x.id))) {
          await this.messaging.send(tx, {
            channel: 'sms',
            recipient: phones.get(m.customerId) as string,
            template: 'club_event.invite',
            body,
            params: { eventId: event.id, memberId: m.id },
            idempotencyKey: `club_event.invite:${event.id}:${m.id}`,
            orgPath: event.orgPath,
            refType: 'club_event',
            refId: event.id,
          });
        }
        return fresh.size;
      });
      const last = page[page.length - 1];
      if (page.length < PAGE || !last) break;
      before = { joinedAt: last.joinedAt, id: last.id };
    }
    await this.db.transaction((tx) =>
      this.audit.record(tx, ctx, {
        action: 'club_event.invite',
        entityType: 'club_event',
        entityId: event.id,
        orgPath: event.orgPath,
        after: { segment, invited, skipped: seen - invited },
      }),
    );
    return { invited, skipped: seen - invited };
  }
}
