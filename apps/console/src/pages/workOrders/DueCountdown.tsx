import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatMinutes, useNow } from '../../lib/duration';
import { formatDateTime } from '../../lib/format';

const SOON_MS = 4 * 60 * 60_000;

/** Time left to `dueAt` (orange under 4 h, red once overdue); a stopped clock shows the deadline only. */
export function DueCountdown({ dueAt, running }: { dueAt: string | null; running: boolean }) {
  const { t } = useTranslation();
  const now = useNow();
  const minutes = useFormatMinutes();
  if (!dueAt) return <span>—</span>;
  const due = formatDateTime(dueAt);
  if (!running) return <span style={{ whiteSpace: 'nowrap' }}>{due}</span>;
  const left = new Date(dueAt).getTime() - now;
  const text =
    left < 0
      ? t('workOrders.overdue', { time: minutes(-left / 60_000) })
      : t('workOrders.remaining', { time: minutes(left / 60_000) });
  return (
    <Tooltip title={due}>
      <Tag color={left < 0 ? 'error' : left < SOON_MS ? 'warning' : 'default'} data-testid="wo-countdown">
        {text}
      </Tag>
    </Tooltip>
  );
}
