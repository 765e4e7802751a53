import type { TicketSummary } from '@anju/contracts';
import { PlusOutlined, SendOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Space, Typography } from 'antd';
import { lazy, type MouseEvent, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { type TicketFilters, useTickets } from '../../api/tickets';
import { CursorTable, useCursorRows } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { useCategoryName } from './categoryName';
import { BULK_DISPATCH_MAX } from './dispatch';
import { QueueFilters, type QueueState, useQueueState } from './QueueFilters';
import { SavedViews } from './SavedViews';
import { MajorTag, PriorityTag, SlaCountdown, TicketStatusTag, TicketTypeTag } from './TicketTags';
import { useTicketTitle } from './ticketTitle';

const toFilters = (s: QueueState, meId: string | undefined): TicketFilters => ({
  status: s.status,
  type: s.type,
  projectId: s.projectId,
  categoryCode: s.categoryCode,
  leak: s.leak,
  complaintCause: s.complaintCause,
  q: s.q,
  sort: s.sort,
  open: s.open,
  warning: s.warning,
  overdue: s.overdue,
  assigneeUserId: s.mine ? meId : undefined,
});

// fetched when opened (with the error-code table its results use)
const BulkDispatchModal = lazy(async () => ({ default: (await import('./BulkDispatchModal')).BulkDispatchModal }));

/** Statuses a ticket can be dispatched (or reassigned) from. */
const DISPATCHABLE: TicketSummary['status'][] = ['dispatch', 'dispatched', 'processing'];
/** A click on a row's checkbox selects it; it does not open the ticket. */
const inSelectionCell = (e: MouseEvent) => (e.target as HTMLElement).closest('.ant-table-selection-column') !== null;

/** The queue: filters, SLA countdowns, newest first or by the next deadline; a row opens the ticket. */
export function TicketsPage() {
  const { t } = useTranslation();
  const titleOf = useTicketTitle();
  const can = useCan();
  const navigate = useNavigate();
  const { data: me } = useMe();
  const [state, setState] = useQueueState();
  const filters = toFilters(state, me?.id);
  const list = useTickets(filters);
  const categoryName = useCategoryName();
  const items = useCursorRows(list);
  // the first page carries the count of every ticket the filters match (capped: "10,000+")
  const counted = list.data?.pages[0];
  const filtered = Object.entries(filters).some(([k, v]) => k !== 'sort' && v !== undefined && v !== false);
  const canDispatch = can('tickets.dispatch');
  const [dispatching, setDispatching] = useState<TicketSummary[] | null>(null);
  // the selection belongs to the filters it was made under: other filters, other rows, a fresh selection
  const filterKey = JSON.stringify(filters);
  const [selection, setSelection] = useState<{ key: string; ids: string[] }>({ key: filterKey, ids: [] });
  const selected = selection.key === filterKey ? selection.ids : [];
  const setSelected = (ids: string[]) => setSelection({ key: filterKey, ids });

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
          <Flex wrap gap={12} justify="space-between" align="center">
            <Space wrap>
              <SavedViews state={state} />
              {counted && counted.total !== null && (
                <Typography.Text type="secondary" data-testid="tickets-total">
                  {t('tickets.total', {
                    n: `${counted.total.toLocaleString('en-US')}${counted.totalCapped ? '+' : ''}`,
                  })}
                </Typography.Text>
              )}
            </Space>
            {canDispatch && (
              <Space wrap>
                {selected.length > 0 && (
                  <Typography.Text type={selected.length > BULK_DISPATCH_MAX ? 'danger' : 'secondary'}>
                    {t('tickets.bulk.selected', { count: selected.length, max: BULK_DISPATCH_MAX })}
                  </Typography.Text>
                )}
                <Button
                  icon={<SendOutlined />}
                  disabled={selected.length === 0 || selected.length > BULK_DISPATCH_MAX}
                  onClick={() => setDispatching(items.filter((k) => selected.includes(k.id)))}
                  data-testid="tickets-bulk-dispatch"
                >
                  {t('tickets.bulk.action')}
                </Button>
              </Space>
            )}
          </Flex>
          <CursorTable<TicketSummary>
            query={list}
            rowKey="id"
            // a refetch after an action keeps the rows still; new filters (placeholder rows) spin
            loading={list.isLoading || (list.isFetching && list.isPlaceholderData)}
            emptyText={filtered ? t('tickets.noMatch') : t('tickets.empty')}
            total={counted && counted.total !== null ? { count: counted.total, capped: counted.totalCapped } : null}
            loadMoreTestId="tickets-load-more"
            rowSelection={
              canDispatch
                ? {
                    selectedRowKeys: selected,
                    onChange: (keys) => setSelected(keys as string[]),
                    getCheckboxProps: (r) => ({ disabled: !DISPATCHABLE.includes(r.status) }),
                    columnWidth: 40,
                  }
                : undefined
            }
            onRow={(r) =>
              ({
                onClick: (e: MouseEvent) => {
                  if (!inSelectionCell(e)) navigate(`/tickets/${r.id}`);
                },
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
              {
                title: t('tickets.titleField'),
                key: 'title',
                ellipsis: true,
                width: 260,
                render: (_, k: TicketSummary) => titleOf(k),
              },
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
              { title: t('tickets.project'), dataIndex: 'projectName', render: (v: string | null) => v ?? '—' },
              { title: t('tickets.unit'), dataIndex: 'unitCode', render: (v: string | null) => v ?? '—' },
              { title: t('tickets.category'), dataIndex: 'categoryCode', render: categoryName },
              {
                title: t('tickets.createdAt'),
                dataIndex: 'createdAt',
                render: (v: string) => <DateTime value={v} />,
              },
            ]}
          />
        </Flex>
      </Card>
      {dispatching && (
        <Suspense fallback={null}>
          <BulkDispatchModal
            tickets={dispatching}
            onClose={() => setDispatching(null)}
            onDone={() => setSelected([])}
          />
        </Suspense>
      )}
    </>
  );
}
