import type { Ticket, TicketStatus } from '@anju/contracts';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

/** Statuses a ticket can be merged from and into (as the server's `isOpen`). */
const OPEN_STATUSES: TicketStatus[] = ['inspection', 'dispatch', 'dispatched', 'processing', 'on_hold'];
export const isOpenTicket = (status: TicketStatus) => OPEN_STATUSES.includes(status);

/** On a ticket merged into another: which one (a link to it) and why. */
export function MergedNotice({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  if (!ticket.mergedInto) return null;
  const reason = ticket.cancelReason ?? '';
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="ticket-merged"
      title={
        <span>
          {t('tickets.merge.mergedInto')}{' '}
          <Link to={`/tickets/${ticket.mergedInto.id}`}>{ticket.mergedInto.number}</Link>
        </span>
      }
      description={reason ? t('tickets.merge.reasonIs', { reason }) : undefined}
    />
  );
}
