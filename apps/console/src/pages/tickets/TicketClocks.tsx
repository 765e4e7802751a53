import type { Ticket } from '@anju/contracts';
import { Empty, Flex, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';
import '../kpiDataStrings';
import { useDurationText, useNow } from './TicketTags';

type Clock = Ticket['clocks'][number];

const OUTCOME_COLORS = { met: 'success', breached: 'error', cancelled: 'default' } as const;

/** Where a running clock stands: overdue, warned, paused or on time. */
function ClockState({ clock, now }: { clock: Clock; now: number }) {
  const { t } = useTranslation();
  const duration = useDurationText();
  if (clock.outcome) return <Tag color={OUTCOME_COLORS[clock.outcome]}>{t(`tickets.outcomes.${clock.outcome}`)}</Tag>;
  if (clock.pausedAt) return <Tag>{t('tickets.sla.paused')}</Tag>;
  const left = new Date(clock.dueAt).getTime() - now;
  if (left < 0 || clock.breachedAt)
    return <Tag color="error">{t('tickets.sla.overdueBy', { time: duration(Math.max(0, -left)) })}</Tag>;
  return (
    <Tag color={clock.warnedAt || new Date(clock.warnAt).getTime() <= now ? 'warning' : 'processing'}>
      {t('tickets.sla.left', { time: duration(left) })}
    </Tag>
  );
}

/** Every SLA clock of the ticket (and of its work orders), running ones first. */
export function TicketClocks({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const now = useNow();
  const { token } = theme.useToken();
  const duration = useDurationText();
  const seqOf = new Map(ticket.workOrders.map((w) => [w.id, w.seq]));
  // running clocks first, the next deadline on top; then the stopped ones, latest first
  const running = ticket.clocks.filter((c) => !c.stoppedAt).sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const stopped = ticket.clocks
    .filter((c) => c.stoppedAt)
    .sort((a, b) => (b.stoppedAt ?? '').localeCompare(a.stoppedAt ?? ''));
  const clocks = [...running, ...stopped];
  if (clocks.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.noClocks')} />;
  return (
    <Flex vertical>
      {clocks.map((c) => (
        <Flex
          key={c.id}
          vertical
          gap={2}
          style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
          data-testid={`clock-${c.node}`}
        >
          <Flex justify="space-between" align="center" gap={8}>
            <Typography.Text strong>
              {t(`enums.slaNode.${c.node}`)}
              {c.workOrderId && seqOf.has(c.workOrderId) ? ` #${seqOf.get(c.workOrderId)}` : ''}
            </Typography.Text>
            <Flex gap={4}>
              {c.escalationLevel > 0 && (
                <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                  {t('tickets.sla.level', { level: c.escalationLevel })}
                </Tag>
              )}
              <ClockState clock={c} now={now} />
            </Flex>
          </Flex>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`tickets.modes.${c.mode}`)} · {t('tickets.sla.limit', { time: duration(c.limitMinutes * 60_000) })}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tickets.sla.warnAt')} <DateTime value={c.warnAt} /> · {t('tickets.sla.dueAt')}{' '}
            <DateTime value={c.dueAt} />
          </Typography.Text>
          {c.holderName && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`clock-holder-${c.node}`}>
              {t('kpiData.holder')}: {c.holderName}
            </Typography.Text>
          )}
          {c.stoppedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tickets.sla.stoppedAt')} <DateTime value={c.stoppedAt} />
            </Typography.Text>
          )}
        </Flex>
      ))}
    </Flex>
  );
}
