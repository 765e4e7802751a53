import { EVENT_DELIVERY_STATUSES } from '@anju/contracts';
import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../tokens/adminStrings';
import {
  type EventDelivery,
  type EventDeliveryStatus,
  useEventDeliveries,
  useReplayEventDelivery,
} from '../../api/events';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errors';

const STATUS_COLORS: Record<EventDeliveryStatus, string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};
const mono = { fontFamily: 'monospace', fontSize: 12 } as const;
const rowProps = (d: EventDelivery) =>
  ({ 'data-testid': `event-delivery-row-${d.jobId}` }) as HTMLAttributes<HTMLElement>;

/** Deliveries of domain events to their listeners in my scope; a failed one can be replayed (docs/decisions.md §23). */
export function EventDeliveriesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [status, setStatus] = useState<EventDeliveryStatus>('failed');
  const query = useEventDeliveries(status);
  const replay = useReplayEventDelivery();

  const onReplay = (d: EventDelivery) =>
    replay.mutateAsync(d.jobId).then(
      () => void message.success(t('eventDeliveries.replayed')),
      (e: unknown) => void message.error(`${t('eventDeliveries.replayFailed')}: ${errorText(e)}`),
    );

  const columns: TableColumnsType<EventDelivery> = [
    {
      key: 'occurredAt',
      title: t('eventDeliveries.occurredAt'),
      render: (_, d) => <DateTime value={d.occurredAt} seconds />,
    },
    { key: 'name', title: t('eventDeliveries.name'), render: (_, d) => <Tag>{d.name}</Tag> },
    {
      key: 'subject',
      title: t('eventDeliveries.subject'),
      render: (_, d) => (
        <Tooltip title={`${d.subjectType}:${d.subjectId}`}>
          <span style={mono}>{`${d.subjectType}:${d.subjectId.slice(0, 8)}`}</span>
        </Tooltip>
      ),
    },
    { key: 'listener', title: t('eventDeliveries.listener'), render: (_, d) => <span style={mono}>{d.listener}</span> },
    {
      key: 'status',
      title: t('eventDeliveries.status'),
      render: (_, d) => <Tag color={STATUS_COLORS[d.status]}>{t(`eventDeliveries.statuses.${d.status}`)}</Tag>,
    },
    { key: 'attempts', title: t('eventDeliveries.attempts'), dataIndex: 'attempts', align: 'end' },
    {
      key: 'lastError',
      title: t('eventDeliveries.lastError'),
      render: (_, d) =>
        d.lastError ? (
          <Typography.Text type="danger" ellipsis={{ tooltip: d.lastError }} style={{ maxWidth: 280 }}>
            {d.lastError}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'runAt', title: t('eventDeliveries.runAt'), render: (_, d) => <DateTime value={d.runAt} seconds /> },
    {
      key: 'finishedAt',
      title: t('eventDeliveries.finishedAt'),
      render: (_, d) => <DateTime value={d.finishedAt} seconds />,
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, d) =>
        d.status === 'failed' && (
          <Popconfirm
            title={t('eventDeliveries.replayConfirm')}
            okText={t('eventDeliveries.replay')}
            cancelText={t('common.cancel')}
            onConfirm={() => onReplay(d)}
          >
            <Button
              size="small"
              icon={<RedoOutlined />}
              loading={replay.isPending && replay.variables === d.jobId}
              data-testid={`event-delivery-replay-${d.jobId}`}
            >
              {t('eventDeliveries.replay')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('eventDeliveries.title')} />
      <Card>
        <Select<EventDeliveryStatus>
          value={status}
          onChange={setStatus}
          options={EVENT_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`eventDeliveries.statuses.${s}`) }))}
          style={{ width: 200, maxWidth: '100%', marginBottom: 12 }}
          data-testid="event-delivery-status-filter"
        />
        <CursorTable<EventDelivery>
          query={query}
          rowKey="jobId"
          columns={columns}
          onRow={rowProps}
          emptyText={t('eventDeliveries.empty')}
          loadMoreTestId="event-deliveries-load-more"
        />
      </Card>
    </>
  );
}
