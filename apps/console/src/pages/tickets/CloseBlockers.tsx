import type { Ticket, WorkOrder } from '@anju/contracts';
import { Alert, App, Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useOrgUnits } from '../../api/org';
import { useUpdateWorkOrder } from '../../api/tickets';
import { useCan } from '../../lib/permissions';
import { useWriteError } from './ticketErrors';

/** Work orders that keep a ticket from closing: every one not confirmed or cancelled (the server's rule). */
export const ordersBlockingClose = (ticket: Ticket): WorkOrder[] =>
  ticket.workOrders.filter((w) => w.status !== 'confirmed' && w.status !== 'cancelled');

/**
 * Shown in the close dialog in place of the form while work orders block the close: which ones and where they
 * stand, with the done ones confirmed from here (the ticket refetches, and the form appears once none is left).
 */
export function CloseBlockers({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const can = useCan();
  const update = useUpdateWorkOrder(ticket.id);
  const onError = useWriteError();
  const { message } = App.useApp();
  const confirm = (w: WorkOrder) =>
    update.mutate(
      { workOrderId: w.id, action: 'confirm', version: w.version },
      {
        onSuccess: () => message.success(t('tickets.closeBlocked.confirmed', { seq: w.seq })),
        onError: (e) => onError(e),
      },
    );
  return (
    <Alert
      type="warning"
      showIcon
      title={t('tickets.closeBlocked.title')}
      style={{ marginBottom: 16 }}
      data-testid="close-blocked"
      description={
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t('tickets.closeBlocked.hint')}</Typography.Text>
          {ordersBlockingClose(ticket).map((w) => (
            <Flex key={w.id} justify="space-between" align="center" gap={8} wrap data-testid={`close-blocker-${w.seq}`}>
              <Typography.Text>
                {`#${w.seq} ${w.title} · ${w.assigneeOrgName} `}
                <Tag>{t(`enums.workOrderStatus.${w.status}`)}</Tag>
              </Typography.Text>
              {w.status === 'done' && can('tickets.manage') && (
                <Button
                  size="small"
                  type="primary"
                  loading={update.isPending && update.variables?.workOrderId === w.id}
                  onClick={() => confirm(w)}
                  data-testid={`close-confirm-${w.seq}`}
                >
                  {t('tickets.closeBlocked.confirm')}
                </Button>
              )}
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}

/**
 * Under the dispatch target: a department or contractor gets a work order in the same step, and the previous
 * assignee's orders nobody has accepted yet are taken back (the server's rule, ticket dispatch).
 */
export function DispatchHint({ ticket, assigneeOrgId }: { ticket: Ticket; assigneeOrgId: string | undefined }) {
  const { t } = useTranslation();
  const can = useCan();
  const units = useOrgUnits({}, { enabled: can('org.read') });
  if (!assigneeOrgId) return null;
  const type = units.data?.find((u) => u.id === assigneeOrgId)?.type;
  const takenBack =
    ticket.assigneeOrgId && ticket.assigneeOrgId !== assigneeOrgId
      ? ticket.workOrders.filter((w) => w.status === 'open' && w.assigneeOrgId === ticket.assigneeOrgId)
      : [];
  const lines = [
    ...(type === 'department' || type === 'contractor' ? [t('tickets.dispatchMakesOrder')] : []),
    ...(takenBack.length
      ? [t('tickets.dispatchTakesBack', { orders: takenBack.map((w) => `#${w.seq}`).join(', ') })]
      : []),
  ];
  if (lines.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="dispatch-hint"
      title={
        <Flex vertical>
          {lines.map((l) => (
            <span key={l}>{l}</span>
          ))}
        </Flex>
      }
    />
  );
}
