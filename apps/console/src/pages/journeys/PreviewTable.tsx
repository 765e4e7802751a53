import type { JourneyAnchor, JourneyPreviewItem, JourneyStep } from '@anju/contracts/journeys';
import { Empty, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';
import { useInLanguage } from './journeyFields';
import { anchorPhrase, capitalize } from './journeyWords';

interface Props {
  items: JourneyPreviewItem[];
  /** The template's steps, to name a milestone or warranty part the item's anchor stands for. */
  steps: JourneyStep[];
  loading?: boolean;
}

const keyOf = (i: JourneyPreviewItem) => `${i.stepKey}#${i.occurrence}`;
const rowProps = (i: JourneyPreviewItem) =>
  ({ 'data-testid': `journey-preview-${keyOf(i)}` }) as HTMLAttributes<HTMLElement>;

/** `2026-03-02 周一`: a due date moved past a holiday reads better with its weekday. */
const Day = ({ date }: { date: string }) => (
  <time dateTime={date} style={{ whiteSpace: 'nowrap' }}>
    {dayjs(date).format('YYYY-MM-DD ddd')}
  </time>
);

/** The answer of previewJourney: each planned task (repeats numbered) or why the step gets none. */
export function PreviewTable({ items, steps, loading }: Props) {
  const { t } = useTranslation();
  const lang = useLanguage();
  const text = useInLanguage();
  const repeated = new Set(items.filter((i) => i.occurrence > 1).map((i) => i.stepKey));

  /** `交付日期`, `主体结构封顶`; a fallback reads `交付日期（代替收楼日期）`. */
  const anchorLabel = (item: JourneyPreviewItem) => {
    const step = steps.find((s) => s.key === item.stepKey);
    const own = (anchor: JourneyAnchor) =>
      step && (anchor === 'milestone' || anchor === 'warranty_expiry')
        ? capitalize(anchorPhrase(step, t))
        : t(`journeys.anchorDates.${anchor}`);
    const used = item.anchorUsed ?? item.anchor;
    if (used === item.anchor) return own(used);
    const instead = own(item.anchor);
    return t('journeys.preview.fallback', {
      used: own(used),
      anchor: lang === 'en-US' ? instead.charAt(0).toLowerCase() + instead.slice(1) : instead,
    });
  };

  const columns: TableColumnsType<JourneyPreviewItem> = [
    {
      key: 'name',
      title: t('journeys.step.name'),
      render: (_, i) => <span style={{ whiteSpace: 'nowrap' }}>{text(i.name)}</span>,
    },
    {
      key: 'occurrence',
      title: t('journeys.preview.occurrence'),
      render: (_, i) => (repeated.has(i.stepKey) ? `#${i.occurrence}` : ''),
    },
    {
      key: 'anchorUsed',
      title: t('journeys.preview.anchorUsed'),
      render: (_, i) =>
        i.anchorUsed && i.anchorUsed !== i.anchor ? (
          <Typography.Text type="warning">{anchorLabel(i)}</Typography.Text>
        ) : (
          anchorLabel(i)
        ),
    },
    {
      key: 'anchorDate',
      title: t('journeys.preview.anchorDate'),
      render: (_, i) => (i.anchorDate ? <Day date={i.anchorDate} /> : t('common.none')),
    },
    {
      key: 'dueDate',
      title: t('journeys.preview.dueDate'),
      render: (_, i) =>
        i.skipped ? (
          <Tag color="default" data-testid={`journey-skip-${i.skipped}`}>
            {t(`journeys.skipReasons.${i.skipped}`)}
          </Tag>
        ) : i.dueDate ? (
          <Typography.Text strong>
            <Day date={i.dueDate} />
          </Typography.Text>
        ) : (
          t('common.none')
        ),
    },
  ];

  return (
    <Table<JourneyPreviewItem>
      rowKey={keyOf}
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={rowProps}
      locale={{ emptyText: <Empty description={t('journeys.preview.empty')} /> }}
      data-testid="journey-preview-table"
    />
  );
}
