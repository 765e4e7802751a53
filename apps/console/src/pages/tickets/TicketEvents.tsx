import { TICKET_STATUSES, type Ticket, type TicketStatus } from '@anju/contracts';
import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';

type Event = Ticket['events'][number];

const EVENT_KINDS = [
  'created',
  'inspect',
  'dispatch',
  'startProcessing',
  'hold',
  'resume',
  'close',
  'reopen',
  'cancel',
  'note',
  'warning',
  'breach',
  'escalation',
  'callback',
  'work_order',
  'merged',
  'photo',
  'follow_up',
] as const;
type EventKind = (typeof EVENT_KINDS)[number];
const isKind = (k: string): k is EventKind => (EVENT_KINDS as readonly string[]).includes(k);
const isStatus = (s: string | null): s is TicketStatus => TICKET_STATUSES.includes(s as TicketStatus);

const COLORS: Partial<Record<EventKind, string>> = {
  created: 'blue',
  close: 'green',
  warning: 'orange',
  breach: 'red',
  escalation: 'red',
  cancel: 'gray',
  reopen: 'orange',
  callback: 'cyan',
};

function EventEntry({ e }: { e: Event }) {
  const { t } = useTranslation();
  const status = (s: string | null) => (isStatus(s) ? t(`tickets.statuses.${s}`) : s);
  return (
    <Flex vertical gap={2} data-testid={`event-${e.kind}`}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{isKind(e.kind) ? t(`tickets.events.${e.kind}`) : e.kind}</Typography.Text>
        {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus && (
          <Typography.Text type="secondary">
            {status(e.fromStatus)} → {status(e.toStatus)}
          </Typography.Text>
        )}
        {e.visibility === 'customer' && (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('tickets.notes.customer')}
          </Tag>
        )}
      </Flex>
      {e.body && <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{e.body}</Typography.Text>}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <DateTime value={e.at} /> {e.actorName ?? t('tickets.system')}
      </Typography.Text>
    </Flex>
  );
}

/** Everything that happened to the ticket, newest first: transitions, notes, SLA warnings, work orders, callbacks. */
export function TicketEvents({ events }: { events: Ticket['events'] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.noEvents')} />;
  return (
    <Timeline
      items={[...events].reverse().map((e) => ({
        key: e.id,
        color: isKind(e.kind) ? COLORS[e.kind] : undefined,
        content: <EventEntry e={e} />,
      }))}
    />
  );
}
