import type { MyWorkOrder } from '@anju/contracts';
import { App, Button, Card, Empty, Flex, Grid, List, Select, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useMyWorkOrders, useUpdateWorkOrder, type WorkOrderStatus } from '../../api/workOrders';
import { CursorTable, useCursorRows } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useEnumOptions } from '../../lib/enumOptions';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { DueCountdown } from './DueCountdown';
import { WorkOrderSite } from './WorkOrderSite';
import { isConflict, isRunning, WorkOrderActions, WorkOrderStatusTag } from './workOrderActions';
import '../sla/slaWorkStrings';

// fetched when one opens (the photo dialog with its uploader)
const WorkOrderNoteModal = lazy(async () => ({ default: (await import('./WorkOrderNoteModal')).WorkOrderNoteModal }));
const WorkOrderPhotoModal = lazy(async () => ({
  default: (await import('./WorkOrderPhotoModal')).WorkOrderPhotoModal,
}));

const rowProps = (o: MyWorkOrder) => ({ 'data-testid': `wo-row-${o.id}` }) as HTMLAttributes<HTMLElement>;

/**
 * The on-site details of a card: shown at once while the order is being worked, behind a toggle once it is not.
 */
function CardSite({ order }: { order: MyWorkOrder }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(isRunning(order.status));
  return (
    <>
      {shown && <WorkOrderSite order={order} />}
      {!isRunning(order.status) && (
        <Button type="link" size="small" style={{ padding: 0, alignSelf: 'start' }} onClick={() => setShown(!shown)}>
          {shown ? t('workOrders.site.hide') : t('workOrders.site.show')}
        </Button>
      )}
    </>
  );
}

/**
 * "My work orders" for department staff and contractors: a table on wide screens (on-site details in each row's
 * expansion, open for running orders), cards on a phone.
 */
export function WorkOrdersPage() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const can = useCan();
  const { data: me } = useMe();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const [status, setStatus] = useState<WorkOrderStatus>();
  const [noting, setNoting] = useState<{ order: MyWorkOrder; action: 'progress' | 'done' }>();
  const [photographing, setPhotographing] = useState<MyWorkOrder>();
  const query = useMyWorkOrders({ status });
  const orders = useCursorRows(query);
  const update = useUpdateWorkOrder();
  const { message } = App.useApp();
  const errorText = useErrorText();

  const accept = (o: MyWorkOrder) =>
    update.mutate(
      { id: o.id, action: 'accept', version: o.version },
      {
        onSuccess: () => message.success(t('workOrders.accepted')),
        onError: (e) =>
          isConflict(e)
            ? message.warning(t('workOrders.conflictReloaded', { error: errorText(e) }))
            : message.error(errorText(e)),
      },
    );
  const accepting = (o: MyWorkOrder) => update.isPending && update.variables?.id === o.id;
  const actions = (o: MyWorkOrder, block = false) => (
    <WorkOrderActions
      order={o}
      block={block}
      accepting={accepting(o)}
      onAccept={() => accept(o)}
      onNote={(action) => setNoting({ order: o, action })}
      onPhoto={() => setPhotographing(o)}
    />
  );
  const ticketRef = (o: MyWorkOrder) =>
    can('tickets.read') ? <Link to={`/tickets/${o.ticketId}`}>{o.ticketNumber}</Link> : o.ticketNumber;
  const assignee = (o: MyWorkOrder) => (
    <Flex gap={4} wrap align="center">
      <span>{o.assigneeOrgName}</span>
      {me && o.assigneeUserId === me.id && <Tag color="purple">{t('workOrders.assignedToMe')}</Tag>}
    </Flex>
  );
  const note = (o: MyWorkOrder) => o.result ?? o.progress;
  const placeOf = (o: MyWorkOrder) => [o.site.projectName, o.site.unitCode].filter(Boolean).join(' · ') || '—';
  // running orders open with their on-site details; the user's own toggles win afterwards
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const expanded = orders.filter((o) => toggled[o.id] ?? isRunning(o.status)).map((o) => o.id);
  const setExpanded = (next: (keys: string[]) => string[]) => {
    const keys = new Set(next(expanded));
    setToggled(Object.fromEntries(orders.map((o) => [o.id, keys.has(o.id)])));
  };

  const columns: TableColumnsType<MyWorkOrder> = [
    { key: 'ticket', title: t('workOrders.ticketNumber'), render: (_, o) => ticketRef(o) },
    { key: 'name', title: t('workOrders.name'), render: (_, o) => `#${o.seq} ${o.title}` },
    { key: 'place', title: t('workOrders.site.place'), render: (_, o) => placeOf(o) },
    { key: 'assignee', title: t('workOrders.assignee'), render: (_, o) => assignee(o) },
    { key: 'status', title: t('workOrders.status'), render: (_, o) => <WorkOrderStatusTag status={o.status} /> },
    {
      key: 'due',
      title: t('workOrders.due'),
      render: (_, o) => <DueCountdown dueAt={o.dueAt} running={isRunning(o.status)} />,
    },
    {
      key: 'note',
      title: t('workOrders.note'),
      render: (_, o) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: note(o) }} style={{ margin: 0, maxWidth: 280 }}>
          {note(o) ?? '—'}
        </Typography.Paragraph>
      ),
    },
    { key: 'createdAt', title: t('workOrders.createdAt'), render: (_, o) => <DateTime value={o.createdAt} /> },
    { key: 'actions', title: t('common.actions'), fixed: 'end', render: (_, o) => actions(o) },
  ];

  // on a phone, cards in place of the table
  const cards = (rows: MyWorkOrder[], loading: boolean) => (
    <List<MyWorkOrder>
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: <Empty description={t('workOrders.empty')} /> }}
      renderItem={(o) => (
        <List.Item key={o.id} data-testid={`wo-card-${o.id}`} style={{ paddingInline: 0 }}>
          <Flex vertical gap={8} style={{ width: '100%' }}>
            <Flex justify="space-between" align="center" gap={8}>
              <Typography.Text strong>{ticketRef(o)}</Typography.Text>
              <WorkOrderStatusTag status={o.status} />
            </Flex>
            <Typography.Text>{`#${o.seq} ${o.title}`}</Typography.Text>
            <Flex justify="space-between" align="center" gap={8} wrap>
              {assignee(o)}
              <DueCountdown dueAt={o.dueAt} running={isRunning(o.status)} />
            </Flex>
            {note(o) && (
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 3, expandable: true }} style={{ margin: 0 }}>
                {note(o)}
              </Typography.Paragraph>
            )}
            <CardSite order={o} />
            {actions(o, true)}
          </Flex>
        </List.Item>
      )}
    />
  );

  return (
    <>
      <PageHeader title={t('workOrders.title')} />
      <Card styles={narrow ? { body: { padding: 12 } } : undefined}>
        <Select<WorkOrderStatus | undefined>
          allowClear
          placeholder={t('workOrders.allStatuses')}
          value={status}
          onChange={setStatus}
          options={enumOptions('workOrderStatus')}
          style={{ width: narrow ? '100%' : 200, marginBottom: 12 }}
          data-testid="wo-status-filter"
        />
        <CursorTable<MyWorkOrder>
          query={query}
          rowKey="id"
          columns={columns}
          expandable={{
            expandedRowRender: (o) => <WorkOrderSite order={o} />,
            expandedRowKeys: expanded,
            onExpand: (open, o) => setExpanded((keys) => (open ? [...keys, o.id] : keys.filter((k) => k !== o.id))),
          }}
          onRow={rowProps}
          emptyText={t('workOrders.empty')}
          loadMoreTestId="wo-load-more"
          view={narrow ? cards : undefined}
        />
      </Card>
      <Suspense fallback={null}>
        {noting && <WorkOrderNoteModal {...noting} onClose={() => setNoting(undefined)} />}
        {photographing && <WorkOrderPhotoModal order={photographing} onClose={() => setPhotographing(undefined)} />}
      </Suspense>
    </>
  );
}
