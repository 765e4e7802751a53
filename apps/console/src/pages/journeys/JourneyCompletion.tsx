import type { JourneyCompletion as Completion } from '@anju/contracts/journeys';
import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table, type TableColumnsType, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { journeyKeys } from '../../api/journeys';
import { ErrorAlert } from '../../components/ErrorState';
import { useInLanguage } from './journeyFields';
import './journeyStrings';

type Row = Completion['items'][number];

/** Managers' view of the journey work: per project and step, the tasks due in the last 90 days and how many are done. */
export default function JourneyCompletion({ projectId }: { projectId?: string }) {
  const { t } = useTranslation();
  const text = useInLanguage();
  const query = useQuery({
    queryKey: [...journeyKeys.tasks, 'completion', projectId ?? 'all'],
    queryFn: () => api.get<Completion>('/api/journey-tasks/completion', { projectId }),
  });
  const columns: TableColumnsType<Row> = [
    { title: t('journeys.completion.project'), dataIndex: 'projectName' },
    { title: t('journeys.completion.step'), key: 'step', render: (_, r) => text(r.name) },
    { title: t('journeys.completion.due'), dataIndex: 'due', align: 'right' },
    { title: t('journeys.completion.done'), dataIndex: 'done', align: 'right' },
    { title: t('journeys.completion.onTime'), dataIndex: 'doneOnTime', align: 'right' },
    {
      title: t('journeys.completion.overdue'),
      dataIndex: 'overdue',
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      title: t('journeys.completion.rate'),
      dataIndex: 'rate',
      width: 160,
      render: (rate: number | null) =>
        rate === null ? '—' : <Progress percent={Math.round(rate * 1000) / 10} size="small" />,
    },
  ];
  return (
    <Card
      size="small"
      title={t('journeys.completion.title')}
      extra={query.data && t('journeys.completion.period', { from: query.data.from, to: query.data.to })}
      style={{ marginTop: 16 }}
      data-testid="journey-completion"
    >
      {query.isError && !query.data ? (
        <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : (
        <Table<Row>
          size="small"
          rowKey={(r) => `${r.projectId}|${r.stepKey}`}
          loading={query.isPending}
          columns={columns}
          dataSource={query.data?.items}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('journeys.completion.empty') }}
          scroll={{ x: 720 }}
        />
      )}
    </Card>
  );
}
