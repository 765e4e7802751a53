import { Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PropertyHandover, usePropertyHandover } from '../../api/propertyHandover';
import { DateTime } from '../../components/DateTime';
import { ErrorState } from '../../components/ErrorState';
import { useCan } from '../../lib/permissions';
import './acceptanceStrings';

const RecordHandoverModal = lazy(async () => ({
  default: (await import('./PropertyHandoverForms')).RecordHandoverModal,
}));
const RateHandoverModal = lazy(async () => ({ default: (await import('./PropertyHandoverForms')).RateHandoverModal }));

/** The property company's verdict: satisfied on both counts or not, each count, the comment; or "not rated". */
function Verdict({ handover }: { handover: PropertyHandover }) {
  const { t } = useTranslation();
  const yesNo = (v: boolean | null) => (v ? t('propertyHandover.yes') : t('propertyHandover.no'));
  if (handover.satisfied === null)
    return <Typography.Text type="secondary">{t('propertyHandover.notRated')}</Typography.Text>;
  return (
    <Space direction="vertical" size={4}>
      <Tag color={handover.satisfied ? 'green' : 'red'} data-testid="ph-verdict">
        {handover.satisfied ? t('propertyHandover.satisfied') : t('propertyHandover.notSatisfied')}
      </Tag>
      <span>
        {t('propertyHandover.counts', { timely: yesNo(handover.timely), complete: yesNo(handover.complete) })}
      </span>
      {handover.ratingComment && <span>{handover.ratingComment}</span>}
      <Typography.Text type="secondary">
        {handover.ratedByName} <DateTime value={handover.ratedAt} />
      </Typography.Text>
    </Space>
  );
}

/**
 * The batch's hand-over to the property company (移交物业): what was handed over and when, the property company's
 * verdict (what KPI K10 counts), recording or correcting it until rated, and the rating.
 */
export function PropertyHandoverCard({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const work = can('journeys.work');
  const query = usePropertyHandover(batchId);
  const [dialog, setDialog] = useState<'record' | 'rate' | null>(null);
  if (query.isError)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const handover = query.data ?? null;
  const rated = Boolean(handover?.ratedAt);

  return (
    <Card
      size="small"
      title={t('propertyHandover.title')}
      loading={query.isPending}
      data-testid="property-handover"
      extra={
        work && (
          <Space>
            {!rated && (
              <Button size="small" onClick={() => setDialog('record')} data-testid="ph-record">
                {handover ? t('propertyHandover.edit') : t('propertyHandover.record')}
              </Button>
            )}
            {handover && !rated && (
              <Button size="small" type="primary" onClick={() => setDialog('rate')} data-testid="ph-rate">
                {t('propertyHandover.rate')}
              </Button>
            )}
          </Space>
        )
      }
    >
      {!handover ? (
        <Empty description={t('propertyHandover.none')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, md: 2 }}>
            <Descriptions.Item label={t('propertyHandover.handedOverOn')}>
              <span data-testid="ph-date-value">{handover.handedOverOn}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('propertyHandover.recordedBy')}>
              {handover.recordedByName ?? '—'} <DateTime value={handover.recordedAt} />
            </Descriptions.Item>
            {handover.note && <Descriptions.Item label={t('propertyHandover.note')}>{handover.note}</Descriptions.Item>}
            <Descriptions.Item label={t('propertyHandover.verdict')}>
              <Verdict handover={handover} />
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey="code"
            size="small"
            pagination={false}
            dataSource={handover.items}
            columns={[
              {
                title: t('propertyHandover.item'),
                key: 'code',
                render: (_, i) => t(`propertyHandover.items_.${i.code}`),
              },
              { title: t('propertyHandover.quantity'), dataIndex: 'quantity', width: 100 },
              { title: t('propertyHandover.itemNote'), key: 'note', render: (_, i) => i.note ?? '' },
            ]}
          />
          {rated && <Typography.Text type="secondary">{t('propertyHandover.ratedLocked')}</Typography.Text>}
        </Space>
      )}
      <Suspense fallback={null}>
        {dialog === 'record' && (
          <RecordHandoverModal batchId={batchId} handover={handover} onClose={() => setDialog(null)} />
        )}
        {dialog === 'rate' && handover && (
          <RateHandoverModal batchId={batchId} handover={handover} onClose={() => setDialog(null)} />
        )}
      </Suspense>
    </Card>
  );
}
