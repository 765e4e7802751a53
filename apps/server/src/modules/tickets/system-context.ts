import type { RequestContext } from '../../platform/auth/principal.js';
import type { TicketRow } from './ticket.tables.js';

/** The system acting on a ticket's own schedule; audit and events show it as such. */
export const systemContext = (ticket: TicketRow, who: string): RequestContext => ({
  principal: {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'system',
    displayName: who,
    orgUnitId: ticket.companyId,
    orgUnitName: '',
    orgUnitType: 'city_company',
    orgPath: ticket.orgPath,
    roles: [],
    permissions: new Set(),
    via: 'token',
    sessionId: null,
    csrfToken: null,
    tokenId: null,
  },
  ip: null,
  requestId: `system:${ticket.id}`,
});
