import { ROOMS, TICKET_CHANNELS, type Ticket } from '@anju/contracts';
import { Descriptions, type DescriptionsProps, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useOrgUnits } from '../../api/org';
import { DateTime } from '../../components/DateTime';
import { useCan } from '../../lib/permissions';
import { useCategoryName } from './categoryName';

const WARRANTY_COLORS = { in: 'green', out: 'red', unknown: 'default' } as const;
const isRoom = (r: string | null): r is (typeof ROOMS)[number] => ROOMS.includes(r as (typeof ROOMS)[number]);
const isChannel = (c: string): c is (typeof TICKET_CHANNELS)[number] =>
  TICKET_CHANNELS.includes(c as (typeof TICKET_CHANNELS)[number]);

/** The name of an org unit of the caller's tree (the id while the tree loads, or without org.read). */
function OrgName({ id }: { id: string | null }) {
  const can = useCan();
  const { data } = useOrgUnits({}, { enabled: can('org.read') && Boolean(id) });
  if (!id) return <>—</>;
  return <>{data?.find((u) => u.id === id)?.name ?? id}</>;
}

/** Who, where and what: the customer and home, category and room, warranty, and how the ticket ended. */
export function TicketInfo({ ticket: k }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const item = (key: string, label: string, children: ReactNode, span?: 'filled') => ({ key, label, children, span });
  const items: DescriptionsProps['items'] = [
    item(
      'customer',
      t('tickets.customer'),
      k.customerId ? (
        <Link to={`/customers/${k.customerId}`} data-testid="ticket-customer">
          {k.customerName ?? t('tickets.customer')}
        </Link>
      ) : (
        (k.customerName ?? '—')
      ),
    ),
    item('phone', t('tickets.contactPhone'), k.contactPhoneMasked ?? '—'),
    item('project', t('tickets.project'), k.projectName ?? '—'),
    item('unit', t('tickets.unit'), k.unitCode ?? '—'),
    item('category', t('tickets.category'), categoryName(k.categoryCode)),
    item('room', t('tickets.room'), isRoom(k.room) ? t(`tickets.rooms.${k.room}`) : (k.room ?? '—')),
    item('location', t('tickets.location'), k.location ?? '—'),
    item(
      'warranty',
      t('tickets.warranty'),
      k.warrantyStatus ? (
        <>
          <Tag color={WARRANTY_COLORS[k.warrantyStatus]}>{t(`tickets.warrantyStatuses.${k.warrantyStatus}`)}</Tag>
          {k.warrantyUntil && t('tickets.warrantyUntil', { date: k.warrantyUntil })}
        </>
      ) : (
        '—'
      ),
    ),
    item('channel', t('tickets.channel'), isChannel(k.channel) ? t(`enums.ticketChannel.${k.channel}`) : k.channel),
    item('assignee', t('tickets.assignee'), <OrgName id={k.assigneeOrgId} />),
    item('reportedAt', t('tickets.reportedAt'), <DateTime value={k.reportedAt} />),
    item('createdAt', t('tickets.createdAt'), <DateTime value={k.createdAt} />),
    item('firstResponseAt', t('tickets.firstResponseAt'), <DateTime value={k.firstResponseAt} />),
  ];
  if (k.closedAt) items.push(item('closedAt', t('tickets.closedAt'), <DateTime value={k.closedAt} />));
  if (k.completedAt) items.push(item('completedAt', t('tickets.completedAt'), <DateTime value={k.completedAt} />));
  if (k.reopenCount > 0) items.push(item('reopenCount', t('tickets.reopenCount'), k.reopenCount));
  if (k.status === 'on_hold') {
    items.push(item('holdReason', t('tickets.fields.holdReason'), k.holdReason ?? '—'));
    items.push(item('resumeOn', t('tickets.fields.resumeOn'), k.resumeOn ?? '—'));
  }
  if (k.resolution) items.push(item('resolution', t('tickets.fields.resolution'), k.resolution, 'filled'));
  if (k.rootCause) items.push(item('rootCause', t('tickets.fields.rootCause'), t(`tickets.rootCauses.${k.rootCause}`)));
  if (k.cost !== null) items.push(item('cost', t('tickets.fields.cost'), k.cost.toFixed(2)));
  if (k.cancelReason) items.push(item('cancelReason', t('tickets.fields.cancelReason'), k.cancelReason, 'filled'));
  items.push(
    item(
      'description',
      t('tickets.description'),
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{k.description || '—'}</Typography.Paragraph>,
      'filled',
    ),
  );
  return <Descriptions column={{ xs: 1, md: 3 }} items={items} data-testid="ticket-info" />;
}
