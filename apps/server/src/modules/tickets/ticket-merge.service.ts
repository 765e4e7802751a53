import type { TicketStatus } from '@anju/contracts';
import type { RequestContext } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { assertPermission } from '../../platform/rbac/scope.js';
import type { TicketService } from './ticket.service.js';
import { isOpen } from './ticket.workflow.js';

export class TicketMergeService {
  constructor(
    private readonly db: Db,
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
      // the source ends through the merge move (clocks, running work, its event, audit); the survivor records it
      const updated = await this.tickets.apply(tx, ctx, source, {
        action: 'merge',
        version: body.version,
        into: { id: target.id, number: target.number },
        reason: body.reason,
      });
      await this.tickets.event(tx, ctx, target, {
        kind: 'merged',
        body: body.reason,
        data: { code: 'merged.from', number: source.number, ticketId: source.id },
      });
      return updated;
    });
  }
}
