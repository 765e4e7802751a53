import type { Ticket, TicketAction } from '@anju/contracts';
import { Button, Space } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../lib/permissions';
import { isOpenTicket } from './TicketMerge';

// the dialogs (their forms, pickers and date fields) are fetched when one opens
const ActionModal = lazy(async () => ({ default: (await import('./ActionModal')).ActionModal }));
const MergeModal = lazy(async () => ({ default: (await import('./TicketMergeModal')).MergeModal }));

/** The step the ticket most likely takes next gets the primary button. */
const MAIN_ORDER: TicketAction[] = ['inspect', 'resume', 'startProcessing', 'close', 'dispatch', 'reopen'];

/** The transitions the server allows now, limited to what the user may do (dispatching needs tickets.dispatch). */
export function TicketActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const can = useCan();
  const [open, setOpen] = useState<TicketAction | null>(null);
  const [merging, setMerging] = useState(false);
  const actions = ticket.allowedActions.filter((a) => can(a === 'dispatch' ? 'tickets.dispatch' : 'tickets.manage'));
  const canMerge = can('tickets.manage') && isOpenTicket(ticket.status);
  if (actions.length === 0 && !canMerge) return null;
  const main = MAIN_ORDER.find((a) => actions.includes(a));
  return (
    <>
      <Space wrap>
        {actions.map((a) => (
          <Button
            key={a}
            type={a === main ? 'primary' : 'default'}
            danger={a === 'cancel'}
            onClick={() => setOpen(a)}
            data-testid={`ticket-action-${a}`}
          >
            {a === 'dispatch' && ticket.assigneeOrgId ? t('tickets.actions.redispatch') : t(`tickets.actions.${a}`)}
          </Button>
        ))}
        {canMerge && (
          <Button onClick={() => setMerging(true)} data-testid="ticket-action-merge">
            {t('tickets.merge.action')}
          </Button>
        )}
      </Space>
      <Suspense fallback={null}>
        {open && <ActionModal ticket={ticket} action={open} onClose={() => setOpen(null)} />}
        {merging && <MergeModal ticket={ticket} onClose={() => setMerging(false)} />}
      </Suspense>
    </>
  );
}
