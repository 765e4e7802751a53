import type { Ticket } from '@anju/contracts';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Divider, Flex, Row, Space, Spin, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { useTicket } from '../../api/tickets';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { CallbackPanel } from './CallbackPanel';
import { TicketActions } from './TicketActions';
import { TicketClocks } from './TicketClocks';
import { TicketInfo } from './TicketInfo';
import { TicketKpiPanel } from './TicketKpiPanel';
import { MergedNotice } from './TicketMerge';
import { MajorTag, PriorityTag, SlaCountdown, TicketStatusTag, TicketTypeTag } from './TicketTags';
import { useTicketTitle } from './ticketTitle';
import { WorkOrdersPanel } from './WorkOrdersPanel';

// The page's chunk holds the ticket's facts, actions, work orders and clocks; the note form, the history (Timeline)
// and the photos (Image, Upload) come in chunks of their own, fetched alongside, and Result only for a 404.
const Result = lazy(async () => ({ default: (await import('../../components/resultView')).Result }));
const NoteForm = lazy(async () => ({ default: (await import('./NoteForm')).NoteForm }));
const TicketEvents = lazy(async () => ({ default: (await import('./TicketEvents')).TicketEvents }));
const TicketPhotos = lazy(async () => ({ default: (await import('./TicketPhotos')).TicketPhotos }));

/** One ticket: who and what, the allowed next steps, work orders, clocks, callback, notes and the full history. */
export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const titleOf = useTicketTitle();
  const can = useCan();
  const navigate = useNavigate();
  const query = useTicket(id);
  if (query.isLoading) return <Spin />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404)
      return (
        <Suspense fallback={<Spin />}>
          <Result status="404" title={t('tickets.notFound')} />
        </Suspense>
      );
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  }
  const k = query.data as Ticket;
  const showCallback = Boolean(k.callback) || k.status === 'closed' || k.status === 'completed';
  return (
    <>
      <PageHeader
        title={
          <Space wrap>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate(-1)}
              aria-label={t('tickets.back')}
            />
            <span data-testid="ticket-number">{k.number}</span>
            <TicketTypeTag type={k.type} />
            <TicketStatusTag status={k.status} />
            <PriorityTag priority={k.priority} />
            <MajorTag major={k.major} />
          </Space>
        }
        extra={
          <Space>
            <SlaCountdown ticket={k} />
            <Button
              icon={<ReloadOutlined />}
              onClick={() => void query.refetch()}
              loading={query.isFetching}
              aria-label={t('common.retry')}
              data-testid="ticket-reload"
            />
          </Space>
        }
      />
      <MergedNotice ticket={k} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="ticket-title">
          {titleOf(k)}
        </Typography.Title>
        <TicketInfo ticket={k} />
        <TicketKpiPanel ticket={k} />
        {k.allowedActions.length > 0 && (
          <>
            <Divider style={{ margin: '8px 0 16px' }} />
            <TicketActions ticket={k} />
          </>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Flex vertical gap={16}>
            <Card title={t('tickets.workOrders.title')} size="small">
              <WorkOrdersPanel ticket={k} />
            </Card>
            <Card title={t('tickets.historyTitle')} size="small">
              <Suspense fallback={<Spin size="small" />}>
                {can('tickets.manage') && (
                  <>
                    <NoteForm ticketId={k.id} />
                    <Divider style={{ margin: '16px 0' }} />
                  </>
                )}
                <TicketEvents events={k.events} />
              </Suspense>
            </Card>
          </Flex>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <Card title={t('tickets.clocksTitle')} size="small">
              <TicketClocks ticket={k} />
            </Card>
            <Card title={t('tickets.photos.title')} size="small">
              <Suspense fallback={<Spin size="small" />}>
                <TicketPhotos ticketId={k.id} />
              </Suspense>
            </Card>
            {showCallback && (
              <Card title={t('tickets.callback.title')} size="small">
                <CallbackPanel ticket={k} />
              </Card>
            )}
          </Flex>
        </Col>
      </Row>
    </>
  );
}
