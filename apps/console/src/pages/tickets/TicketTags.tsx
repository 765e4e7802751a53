import type { TicketStatus, TicketSummary } from '@anju/contracts';
import { Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';

const STATUS_COLORS: Record<TicketStatus, string> = {
  inspection: 'purple',
  dispatch: 'gold',
  dispatched: 'blue',
  processing: 'processing',
  closed: 'cyan',
  completed: 'success',
  on_hold: 'default',
  cancelled: 'default',
};
const PRIORITY_COLORS: Record<TicketSummary['priority'], string | undefined> = {
  low: undefined,
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function TicketStatusTag({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="ticket-status">
      {t(`enums.ticketStatus.${status}`)}
    </Tag>
  );
}

export function TicketTypeTag({ type }: { type: TicketSummary['type'] }) {
  const { t } = useTranslation();
  return <Tag style={{ marginInlineEnd: 0 }}>{t(`enums.ticketType.${type}`)}</Tag>;
}

export function PriorityTag({ priority }: { priority: TicketSummary['priority'] }) {
  const { t } = useTranslation();
  return (
    <Tag color={PRIORITY_COLORS[priority]} style={{ marginInlineEnd: 0 }}>
      {t(`enums.ticketPriority.${priority}`)}
    </Tag>
  );
}

export function MajorTag({ major }: { major: boolean }) {
  const { t } = useTranslation();
  return major ? (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      {t('tickets.major')}
    </Tag>
  ) : null;
}

/** The current time, refreshed every `ms` so countdowns move without refetching. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** `3d 4h`, `2h 5m`, `12m` (the two largest units). */
export function useDurationText(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    if (d > 0) return [t('tickets.duration.d', { count: d }), h ? t('tickets.duration.h', { count: h }) : ''].join(' ');
    if (h > 0) return [t('tickets.duration.h', { count: h }), m ? t('tickets.duration.m', { count: m }) : ''].join(' ');
    return t('tickets.duration.m', { count: m });
  };
}

type SlaFields = Pick<TicketSummary, 'nextDueAt' | 'warning' | 'overdue' | 'escalationLevel'>;

/** Time left to the next deadline: red when overdue, orange when warned; the escalation level as a tag. */
export function SlaCountdown({ ticket }: { ticket: SlaFields }) {
  const { t } = useTranslation();
  const now = useNow();
  const duration = useDurationText();
  const level =
    ticket.escalationLevel > 0 ? (
      <Tag color="volcano" style={{ marginInlineEnd: 0 }} data-testid="ticket-escalation">
        {t('tickets.sla.level', { level: ticket.escalationLevel })}
      </Tag>
    ) : null;
  if (!ticket.nextDueAt) {
    return (
      <Space size={4}>
        <Typography.Text type="secondary">—</Typography.Text>
        {level}
      </Space>
    );
  }
  const left = new Date(ticket.nextDueAt).getTime() - now;
  const overdue = ticket.overdue || left < 0;
  const type = overdue ? 'danger' : ticket.warning ? 'warning' : undefined;
  return (
    <Space size={4} wrap>
      <Tooltip title={`${t('tickets.sla.dueAt')} ${formatDateTime(ticket.nextDueAt)}`}>
        <Typography.Text type={type} strong={Boolean(type)} style={{ whiteSpace: 'nowrap' }} data-testid="ticket-sla">
          {overdue
            ? t('tickets.sla.overdueBy', { time: duration(-left) })
            : t('tickets.sla.left', { time: duration(left) })}
        </Typography.Text>
      </Tooltip>
      {level}
    </Space>
  );
}
