import type { TicketSummary } from '@anju/contracts';
import { Card, Col, Row, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { type TicketFilters, useTickets } from '../../api/tickets';
import { SlaCountdown, TicketStatusTag } from '../tickets/TicketTags';
import { useTicketTitle } from '../tickets/ticketTitle';
import './kpiShared';

function TicketList({ title, filters, testId }: { title: string; filters: TicketFilters; testId: string }) {
  const { t } = useTranslation();
  const titleOf = useTicketTitle();
  const query = useTickets(filters, 10);
  const first = query.data?.pages[0];
  const total = first?.total;
  return (
    <Card
      size="small"
      title={total === null || total === undefined ? title : `${title} (${total}${first?.totalCapped ? '+' : ''})`}
      data-testid={testId}
    >
      <Table<TicketSummary>
        size="small"
        rowKey="id"
        loading={query.isLoading}
        dataSource={first?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('workbench.empty') }}
        columns={[
          {
            title: t('workbench.number'),
            dataIndex: 'number',
            render: (n: string, r) => <Link to={`/tickets/${r.id}`}>{n}</Link>,
          },
          { title: t('workbench.subject'), key: 'title', ellipsis: true, render: (_, r) => titleOf(r) },
          { title: t('workbench.unit'), dataIndex: 'unitCode', render: (v: string | null) => v ?? '' },
          {
            title: t('workbench.status'),
            dataIndex: 'status',
            render: (s: TicketSummary['status']) => <TicketStatusTag status={s} />,
          },
          { title: t('workbench.due'), key: 'due', render: (_, r) => <SlaCountdown ticket={r} /> },
        ]}
      />
    </Card>
  );
}

/** The agent's day: my open tickets by due time, tickets awaiting their callback, what is overdue. */
export function AgentWorkbench({ userId }: { userId: string }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} data-testid="home-workbench">
      <Col span={24}>
        <TicketList
          title={t('workbench.mine')}
          filters={{ open: true, assigneeUserId: userId, sort: 'due' }}
          testId="workbench-mine"
        />
      </Col>
      <Col xs={24} xl={12}>
        <TicketList
          title={t('workbench.callbacks')}
          filters={{ status: 'closed', sort: 'due' }}
          testId="workbench-callbacks"
        />
      </Col>
      <Col xs={24} xl={12}>
        <TicketList
          title={t('workbench.overdue')}
          filters={{ open: true, overdue: true, sort: 'due' }}
          testId="workbench-overdue"
        />
      </Col>
    </Row>
  );
}
