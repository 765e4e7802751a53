import type { HandoverBoardHousehold } from '@anju/contracts/handover';
import { EditOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Empty, Flex, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCheckInHandover, useHandoverBoard } from '../../api/handover';
import { useDefectCategories } from '../../api/sla';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errorText';
import { useCan } from '../../lib/permissions';
import './handoverStrings';
import { slotLabel } from './slotTime';

// fetched when one opens
const SlotEditorModal = lazy(async () => ({ default: (await import('./SlotEditorModal')).SlotEditorModal }));
const BookModal = lazy(async () => ({ default: (await import('./BookModal')).BookModal }));
// simulated acceptance and the property hand-over (their own chunk and strings)
const BoardExtras = lazy(async () => ({ default: (await import('./BoardExtras')).BoardExtras }));

export const STATUS_COLOR: Record<HandoverBoardHousehold['status'], string> = {
  unbooked: 'default',
  booked: 'blue',
  checked_in: 'orange',
  signed: 'green',
  refused: 'red',
  cancelled: 'default',
};

/**
 * The live board of a batch's handover day (refetched every 15 s): totals, the slots with their bookings, defects by
 * category, and every household with its state. The desk books or moves a household, checks it in and opens its
 * inspection; managers edit the slots.
 */
export function HandoverBoardPage() {
  const { t, i18n } = useTranslation();
  const { batchId = '' } = useParams();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const board = useHandoverBoard(batchId);
  const categories = useDefectCategories();
  const checkIn = useCheckInHandover(batchId);
  const [dialog, setDialog] = useState<{ kind: 'slots' } | { kind: 'book'; unitId: string } | null>(null);
  const work = can('journeys.work');
  const data = board.data;
  if (board.isError && !data)
    return <ErrorState error={board.error} onRetry={() => void board.refetch()} retrying={board.isFetching} />;
  const categoryName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (i18n.language === 'en-US' ? c.nameEn : c.nameZh) : code;
  };
  const slotOf = (id: string | null) => data?.slots.find((s) => s.id === id);
  const onCheckIn = (unitId: string) => checkIn.mutate(unitId, { onError: (e) => message.error(errorText(e)) });

  return (
    <>
      <PageHeader
        title={data?.projectName ? t('handover.boardOf', { project: data.projectName }) : t('handover.board')}
        extra={<Typography.Text type="secondary">{t('handover.refreshing')}</Typography.Text>}
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(['households', 'booked', 'checkedIn', 'signed', 'refused', 'defects'] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic title={t(`handover.totals.${k}`)} value={data?.totals[k] ?? 0} data-testid={`total-${k}`} />
            </Card>
          </Col>
        ))}
      </Row>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={14}>
          <Card
            size="small"
            title={t('handover.slots')}
            extra={
              can('journeys.manage') && (
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setDialog({ kind: 'slots' })}
                  data-testid="edit-slots"
                >
                  {t('handover.editSlots')}
                </Button>
              )
            }
          >
            <Table
              rowKey="id"
              size="small"
              pagination={false}
              loading={board.isPending}
              dataSource={data?.slots ?? []}
              locale={{ emptyText: <Empty description={t('handover.noSlots')} /> }}
              columns={[
                { title: t('handover.slot'), key: 'slot', render: (_, s) => slotLabel(s.startsAt, s.endsAt) },
                { title: t('handover.bookedCount'), key: 'booked', render: (_, s) => `${s.booked} / ${s.capacity}` },
                { title: t('handover.totals.checkedIn'), dataIndex: 'checkedIn' },
                { title: t('handover.totals.signed'), dataIndex: 'signed' },
                { title: t('handover.totals.refused'), dataIndex: 'refused' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('handover.defectsByCategory')}>
            {data?.defectsByCategory.length ? (
              <Space wrap>
                {data.defectsByCategory.map((d) => (
                  <Tag key={d.categoryCode} color="volcano" data-testid={`defects-${d.categoryCode}`}>
                    {categoryName(d.categoryCode)} · {d.count}
                  </Tag>
                ))}
              </Space>
            ) : (
              <Empty description={t('handover.noDefects')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('handover.households')} style={{ marginTop: 12 }}>
        <Table<HandoverBoardHousehold>
          rowKey="unitId"
          size="small"
          loading={board.isPending}
          dataSource={data?.households ?? []}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          onRow={(h) => ({ 'data-testid': `household-${h.unitCode}` }) as never}
          columns={[
            { title: t('handover.unit'), dataIndex: 'unitCode' },
            { title: t('handover.owner'), dataIndex: 'customerName' },
            {
              title: t('handover.slot'),
              key: 'slot',
              render: (_, h) => {
                const s = slotOf(h.slotId);
                return s ? slotLabel(s.startsAt, s.endsAt) : '—';
              },
            },
            {
              title: t('handover.status'),
              key: 'status',
              render: (_, h) => (
                <Space size={4}>
                  <Tag color={STATUS_COLOR[h.status]}>{t(`handover.statuses.${h.status}`)}</Tag>
                  {h.defects > 0 && <Tag color="volcano">{`${t('handover.totals.defects')} ${h.defects}`}</Tag>}
                </Space>
              ),
            },
            {
              title: '',
              key: 'actions',
              render: (_, h) => (
                <Flex gap={4} wrap>
                  {work && ['unbooked', 'booked', 'refused', 'cancelled'].includes(h.status) && (
                    <Button
                      size="small"
                      onClick={() => setDialog({ kind: 'book', unitId: h.unitId })}
                      data-testid={`book-${h.unitCode}`}
                    >
                      {h.status === 'booked' ? t('handover.move') : t('handover.book')}
                    </Button>
                  )}
                  {work && h.status === 'booked' && (
                    <Button
                      size="small"
                      type="primary"
                      loading={checkIn.isPending && checkIn.variables === h.unitId}
                      onClick={() => onCheckIn(h.unitId)}
                      data-testid={`check-in-${h.unitCode}`}
                    >
                      {t('handover.checkIn')}
                    </Button>
                  )}
                  {h.appointmentId && ['checked_in', 'signed', 'refused'].includes(h.status) && (
                    <Link to={`/handover/appointments/${h.appointmentId}`} data-testid={`open-${h.unitCode}`}>
                      {t('handover.open')}
                    </Link>
                  )}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Suspense fallback={null}>
        <BoardExtras batchId={batchId} />
      </Suspense>
      <Suspense fallback={null}>
        {dialog?.kind === 'slots' && data && (
          <SlotEditorModal batchId={batchId} slots={data.slots} onClose={() => setDialog(null)} />
        )}
        {dialog?.kind === 'book' && data && (
          <BookModal unitId={dialog.unitId} slots={data.slots} onClose={() => setDialog(null)} />
        )}
      </Suspense>
    </>
  );
}
