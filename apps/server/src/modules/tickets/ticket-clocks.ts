import type { Tx } from '../../platform/db/database.js';
import type { ClockStep, ClockSubject, ClockSubjectInfo } from '../sla/clock-subjects.js';
import { TICKET_CLOCKS } from './sla/sla.service.js';
import { TicketRepository } from './ticket.repository.js';
import type { TicketService } from './ticket.service.js';
import type { TicketRow } from './ticket.tables.js';
import type { TicketEventInput } from './ticket-inputs.js';
import { noticeTitleZh } from './ticket-notices.js';

/**
 * Tickets as the SLA module's clock subject: a ticket's clocks and its work orders' (a work order is the clock's
 * part) warn its assignee and escalate up its branch; each step is an event on the ticket (and its customer's
 * timeline, by the ticket's listeners), and the ticket's queue fields follow its open clocks.
 */
export function ticketClockSubject(tickets: TicketService): ClockSubject {
  const rows = new WeakMap<ClockSubjectInfo, TicketRow>();
  return {
    type: TICKET_CLOCKS,
    async describe(tx: Tx, ids: string[]) {
      const found = new Map<string, ClockSubjectInfo>();
      for (const t of await new TicketRepository(tx).findMany(ids)) {
        const info: ClockSubjectInfo = {
          id: t.id,
          companyId: t.companyId,
          orgPath: t.orgPath,
          assigneeUserId: t.assigneeUserId,
          title: t.title,
        };
        rows.set(info, t);
        found.set(t.id, info);
      }
      return found;
    },
    notice(subject, clock, step) {
      const ticket = rows.get(subject) as TicketRow;
      const kind = `sla.${step.kind}` as const;
      const params = {
        number: ticket.number,
        node: clock.node,
        ...(step.kind === 'escalate' ? { level: step.level } : {}),
      };
      return { kind, params, titleZh: noticeTitleZh(kind, params), link: `/tickets/${ticket.id}` };
    },
    async record(tx: Tx, steps: ClockStep[], subjectIds: string[]) {
      const events = steps.map(({ subject, clock, step }): TicketEventInput & { ticket: TicketRow } => ({
        ticket: rows.get(subject) as TicketRow,
        kind: step.kind === 'escalate' ? 'escalation' : step.kind === 'warn' ? 'warning' : 'breach',
        data: {
          code: `sla.${step.kind}`,
          clockId: clock.id,
          node: clock.node,
          dueAt: clock.dueAt,
          level: step.kind === 'escalate' ? step.level : null,
        },
      }));
      if (events.length) await tickets.events(tx, null, events);
      await new TicketRepository(tx).refreshQueueFields(subjectIds);
    },
  };
}
