import type { Principal, RequestContext } from '../../platform/auth/principal.js';
import type { TicketRow } from './ticket.tables.js';

const NOT_STAFF = '00000000-0000-0000-0000-000000000000';

/** A record placed in a city company at a path: a ticket, or another module's record acting on tickets. */
type Placed = Pick<TicketRow, 'id' | 'companyId' | 'orgPath'>;

const principal = (ticket: Placed, p: Pick<Principal, 'actor' | 'customerId' | 'username' | 'displayName'>) => ({
  ...p,
  userId: NOT_STAFF,
  orgUnitId: ticket.companyId,
  orgUnitName: '',
  orgUnitType: 'city_company' as const,
  orgPath: ticket.orgPath,
  roles: [],
  permissions: new Set<never>(),
  via: 'token' as const,
  sessionId: null,
  csrfToken: null,
  tokenId: null,
});

/**
 * The system acting on a ticket's own schedule, or on another module's record (a group case raising its tickets'
 * priority); `task` names why. Audit and events show it as the system.
 */
export const systemContext = (ticket: Placed, task: string): RequestContext => ({
  principal: principal(ticket, { actor: 'system', customerId: null, username: 'system', displayName: '' }),
  ip: null,
  requestId: `system:${task}:${ticket.id}`,
});

/** The ticket's owner answering through the SMS link to rate it: audit and events show the owner. */
export const ownerLinkContext = (ticket: TicketRow): RequestContext => ({
  principal: principal(ticket, {
    actor: 'owner',
    customerId: ticket.customerId,
    username: `owner:${ticket.customerId ?? ''}`,
    displayName: ticket.customerName ?? '',
  }),
  ip: null,
  requestId: `owner-link:${ticket.id}`,
});
