import type { TicketSummary } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { type TicketFilters, useTickets } from '../../api/tickets';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { useCategoryName } from './fields';
import { QueueFilters, type QueueState, useQueueState } from './QueueFilters';
import { MajorTag, PriorityTag, SlaCountdown, TicketStatusTag, TicketTypeTag } from './TicketTags';

const toFilters = (s: QueueState, meId: string | undefined): TicketFilters => ({
  status: s.status,
  type: s.type,
  projectId: s.projectId,
  categoryCode: s.categoryCode,
  q: s.q,
  sort: s.sort,
  open: s.open,
  warning: s.warning,
  overdue: s.overdue,
  assigneeUserId: s.mine ? meId : undefined,
});

/** The queue: filters, SLA countdowns, newest first or by the next deadline; a row opens the ticket. */
export function TicketsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [state, setState] = useQueueState();
  const filters = toFilters(state, me?.id);
  const list = useTickets(filters);
  const categoryName = useCategoryName();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'sort' && v !== undefined && v !== false);
  // a failed "load more" keeps the rows already shown
  const loadMoreFailed = list.isFetchNextPageError;

  return (
    <>
      <PageHeader
        title={t('tickets.title')}
        extra={
          can('tickets.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => navigate('/tickets/new')}
              data-testid="tickets-create"
            >
              {t('tickets.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex vertical gap={16}>
          <QueueFilters state={state} onChange={setState} />
          {list.isError && !loadMoreFailed ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} />
          ) : (
            <Table<TicketSummary>
              rowKey="id"
              size="middle"
              loading={list.isLoading || (list.isFetching && list.isPlaceholderData)}
              dataSource={items}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: <Empty description={filtered ? t('tickets.noMatch') : t('tickets.empty')} />,
              }}
              onRow={(r) =>
                ({
                  onClick: () => navigate(`/tickets/${r.id}`),
                  style: { cursor: 'pointer' },
                  'data-testid': `ticket-row-${r.number}`,
                }) as never
              }
              columns={[
                {
                  title: t('tickets.number'),
                  dataIndex: 'number',
                  render: (v: string, r) => (
                    <Flex vertical gap={2}>
                      <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                        {v}
                      </Typography.Text>
                      <Flex gap={4}>
                        <TicketTypeTag type={r.type} />
                        <MajorTag major={r.major} />
                      </Flex>
                    </Flex>
                  ),
                },
                { title: t('tickets.titleField'), dataIndex: 'title', ellipsis: true, width: 260 },
                {
                  title: t('tickets.status'),
                  dataIndex: 'status',
                  render: (v: TicketSummary['status']) => <TicketStatusTag status={v} />,
                },
                {
                  title: t('tickets.priority'),
                  dataIndex: 'priority',
                  render: (v: TicketSummary['priority']) => <PriorityTag priority={v} />,
                },
                {
                  title: t('tickets.sla.column'),
                  key: 'sla',
                  render: (_, r) => <SlaCountdown ticket={r} />,
                },
                { title: t('tickets.customer'), dataIndex: 'customerName', render: (v: string | null) => v ?? '—' },
                { title: t('tickets.unit'), dataIndex: 'unitCode', render: (v: string | null) => v ?? '—' },
                { title: t('tickets.category'), dataIndex: 'categoryCode', render: categoryName },
                {
                  title: t('tickets.createdAt'),
                  dataIndex: 'createdAt',
                  render: (v: string) => <DateTime value={v} />,
                },
              ]}
              footer={
                list.hasNextPage || loadMoreFailed
                  ? () =>
                      loadMoreFailed ? (
                        <ErrorAlert
                          error={list.error}
                          onRetry={() => void list.fetchNextPage()}
                          retrying={list.isFetchingNextPage}
                        />
                      ) : (
                        <Button
                          onClick={() => void list.fetchNextPage()}
                          loading={list.isFetchingNextPage}
                          data-testid="tickets-load-more"
                        >
                          {t('common.loadMore')}
                        </Button>
                      )
                  : undefined
              }
            />
          )}
        </Flex>
      </Card>
    </>
  );
}
