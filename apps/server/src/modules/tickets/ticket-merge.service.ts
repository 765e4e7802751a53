import type { TicketStatus } from '@anju/contracts';
import type { AuditService } from '../../platform/audit/audit.service.js';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import { cancelOpenWork } from './callback-links.js';
import type { SlaService } from './sla/sla.service.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import { isOpen } from './ticket.workflow.js';

export class TicketMergeService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly sla: SlaService,
    private readonly tickets: TicketService,
  ) {}

  /**
   * A duplicate (the same leak reported twice) is merged into the ticket that carries on: it is cancelled with
   * a pointer to the survivor, its clocks stop, its running work orders and pending callback end, and both
   * tickets record the merge.
   */
  async merge(ctx: RequestContext, id: string, body: { intoTicketId: string; version: number; reason: string }) {
    assertPermission(ctx.principal, 'tickets.manage');
    if (id === body.intoTicketId) throw new AppError('VALIDATION_FAILED', { field: 'intoTicketId' });
    return this.db.transaction(async (tx) => {
      const source = await this.tickets.get(ctx, id, tx);
      const target = await this.tickets.get(ctx, body.intoTicketId, tx);
      if (!isOpen(source.status as TicketStatus) || !isOpen(target.status as TicketStatus)) {
        throw new AppError('TICKET_TRANSITION_INVALID', { status: source.status, action: 'merge' });
      }
      const now = this.clock.now();
      const updated = await new TicketRepository(tx).update(source.id, body.version, {
        status: 'cancelled',
        mergedInto: target.id,
        cancelReason: body.reason,
        updatedAt: now,
      });
      if (!updated) throw new AppError('VERSION_CONFLICT');
      await this.sla.cancelAll(tx, source.id, now);
      await cancelOpenWork(tx, source.id, now);
      await this.sla.refreshTicket(tx, source.id);
      await this.tickets.events(tx, ctx, [
        {
          ticket: updated,
          kind: 'merged',
          fromStatus: source.status,
          toStatus: 'cancelled',
          body: body.reason,
          visibility: 'customer',
          data: { code: 'merged.into', number: target.number, ticketId: target.id },
        },
        {
          ticket: target,
          kind: 'merged',
          body: body.reason,
          data: { code: 'merged.from', number: source.number, ticketId: source.id },
        },
      ]);
      await this.audit.record(tx, ctx, {
        action: 'ticket.merge',
        entityType: 'ticket',
        entityId: source.id,
        orgPath: source.orgPath,
        after: { into: target.number, reason: body.reason },
      });
      return updated;
    });
  }
}
