import type { OpenDay, OpenDayItem, OpenDayRate } from '@anju/contracts/open-days';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

const DAY_COLORS: Record<OpenDay['status'], string> = { planned: 'blue', held: 'green', cancelled: 'default' };
const ITEM_COLORS: Record<OpenDayItem['status'], string> = {
  open: 'orange',
  answered: 'green',
  rectified: 'blue',
  verified: 'green',
};

export function OpenDayStatusTag({ status }: { status: OpenDay['status'] }) {
  const { t } = useTranslation();
  return <Tag color={DAY_COLORS[status]}>{t(`openDays.statuses.${status}`)}</Tag>;
}

export function ItemStatusTag({ status }: { status: OpenDayItem['status'] }) {
  const { t } = useTranslation();
  return <Tag color={ITEM_COLORS[status]}>{t(`openDays.itemStatuses.${status}`)}</Tag>;
}

/**
 * A KPI figure as `50% (1/2)`: met (100%) in green, below it in orange, "no data" in grey when nothing was collected;
 * the definition in the tooltip (KPIS.md K5, K6).
 */
export function RateTag({
  rate,
  kind,
  testId,
}: {
  rate: OpenDayRate;
  kind: 'replyRate' | 'rectificationRate';
  testId?: string;
}) {
  const { t } = useTranslation();
  const text =
    rate.rate === null ? t('openDays.noData') : `${Math.round(rate.rate * 1000) / 10}% (${rate.done}/${rate.total})`;
  const color = rate.rate === null ? 'default' : rate.rate >= 1 ? 'green' : 'orange';
  return (
    <Tooltip title={t(`openDays.${kind}Help`)}>
      <Tag color={color} data-testid={testId}>
        {text}
      </Tag>
    </Tooltip>
  );
}
