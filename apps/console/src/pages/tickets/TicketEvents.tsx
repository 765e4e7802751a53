import { TICKET_STATUSES, type Ticket, type TicketEventKind, type TicketStatus } from '@anju/contracts';
import { Empty, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import { isEventKind, useCodeWords } from '../../lib/codeWords';

type Event = Ticket['events'][number];
type EventKind = TicketEventKind;
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
  const words = useCodeWords();
  const status = (s: string | null) => (isStatus(s) ? t(`enums.ticketStatus.${s}`) : s);
  // What the server words is a code rendered here; the body holds what someone wrote (older events: all of it).
  const detail = words.eventDetail(e.data);
  return (
    <Flex vertical gap={2} data-testid={`event-${e.kind}`}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{words.eventKind(e.kind)}</Typography.Text>
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
      {detail && <Typography.Text data-testid="event-detail">{detail}</Typography.Text>}
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
        color: isEventKind(e.kind) ? COLORS[e.kind] : undefined,
        content: <EventEntry e={e} />,
      }))}
    />
  );
}
