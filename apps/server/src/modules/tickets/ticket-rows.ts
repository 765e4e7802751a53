import { actorOf, type RequestContext, shownActor } from '../../platform/auth/principal.js';
import type { TimelineEntryInput } from '../customers/timeline.service.js';
import { EVENT_ZH } from './ticket.labels.js';
import type { TicketRow } from './ticket.tables.js';
import type { TicketEventInput } from './ticket-inputs.js';

/** Ticket-event rows of these inputs, by the context's actor (none: the system). */
export function eventRows(ctx: RequestContext | null, items: (TicketEventInput & { ticketId: string })[], at: Date) {
  const actor = ctx ? shownActor(actorOf(ctx)) : { id: null, name: null };
  return items.map((e) => ({
    ticketId: e.ticketId,
    at,
    kind: e.kind,
    visibility: e.visibility ?? 'internal',
    actorId: actor.id,
    actorName: actor.name,
    fromStatus: e.fromStatus ?? null,
    toStatus: e.toStatus ?? null,
    body: e.body ?? null,
    data: e.data ?? null,
  }));
}

/**
 * The customer's timeline entries of ticket events: code `ticket.event` with the ticket's number, the event's
 * kind and, when the event has one, its code and parameters (the title column keeps a Chinese copy).
 */
export function timelineEntries(items: (TicketEventInput & { ticket: TicketRow })[], at: Date): TimelineEntryInput[] {
  return items.flatMap((e) => {
    if (!e.ticket.customerId) return [];
    const { code, ...params } = e.data ?? {};
    const detail = code ? { eventCode: code, ...primitives(params) } : {};
    return [
      {
        customerId: e.ticket.customerId,
        kind: e.kind === 'callback' ? 'callback' : 'ticket',
        title: `${e.ticket.number} ${EVENT_ZH[e.kind]}`,
        body: e.body ?? null,
        orgPath: e.ticket.orgPath,
        refType: 'ticket',
        refId: e.ticket.id,
        data: { code: 'ticket.event', ticketNumber: e.ticket.number, event: e.kind, ...detail },
        at,
      },
    ];
  });
}

/** The plain values of an object (strings, numbers, booleans, null): what a code's parameters may be. */
export const primitives = (o: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(o).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
  ) as Record<string, string | number | boolean | null>;
