import {
  type AcceptanceFinding,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  type FindingSeverity,
  type FindingStatus,
} from '@anju/contracts/acceptance';
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Flex, Row, Select, Space, Statistic, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAcceptanceFindings } from '../../api/acceptance';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { LoadMore } from '../../components/LoadMore';
import { useCan } from '../../lib/permissions';
import type { FindingAction } from '../acceptance/FindingActionModal';
import { FindingDescription, FindingDue, FindingTags } from '../acceptance/findingParts';
import { useCategoryName } from '../tickets/categoryName';
import { AcceptanceChecklistCard } from './AcceptanceChecklistCard';
import './acceptanceStrings';

// fetched when one opens
const RecordFindingModal = lazy(async () => ({ default: (await import('./RecordFindingModal')).RecordFindingModal }));
const FindingActionModal = lazy(async () => ({
  default: (await import('../acceptance/FindingActionModal')).FindingActionModal,
}));

type Dialog = { kind: 'record' } | { kind: 'action'; finding: AcceptanceFinding; action: FindingAction };

/**
 * Simulated acceptance (模拟验收) on the batch board: the counts (open blocking findings in red: they hold the
 * delivery), the findings with filters and "load more", recording a finding, and staff's verify / reopen.
 */
export function AcceptancePanel({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const can = useCan();
  const work = can('journeys.work');
  const [status, setStatus] = useState<FindingStatus | undefined>();
  const [severity, setSeverity] = useState<FindingSeverity | undefined>();
  const query = useAcceptanceFindings(batchId, { status, severity });
  const categoryName = useCategoryName();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  if (query.isError && !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const summary = query.data?.pages[0]?.summary;
  const blocking = summary?.openBlocking ?? 0;

  return (
    <div data-testid="acceptance-panel">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        {(['open', 'openBlocking', 'rectified', 'verified', 'unitsWithOpenFindings'] as const).map((k) => (
          <Col key={k} xs={12} sm={8} md={4}>
            <Card size="small">
              <Statistic
                title={t(`acceptance.${k === 'unitsWithOpenFindings' ? 'units' : k}`)}
                value={summary?.[k] ?? 0}
                valueStyle={k === 'openBlocking' && blocking > 0 ? { color: '#cf1322' } : undefined}
                data-testid={`acceptance-${k}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {blocking > 0 && (
        <Alert type="error" showIcon title={t('acceptance.openBlockingHint')} style={{ marginBottom: 12 }} />
      )}
      <AcceptanceChecklistCard batchId={batchId} />
      {summary && summary.byCategory.length > 0 && (
        <Card size="small" title={t('acceptance.byCategory')} style={{ marginBottom: 12 }}>
          <Space wrap>
            {summary.byCategory.map((c) => (
              <Tag key={c.categoryCode} color={c.open > 0 ? 'orange' : 'default'}>
                {`${categoryName(c.categoryCode)} · ${c.open} / ${c.total}`}
              </Tag>
            ))}
          </Space>
        </Card>
      )}
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Space wrap>
          <Select<FindingStatus>
            allowClear
            value={status}
            onChange={setStatus}
            placeholder={t('acceptance.allStatuses')}
            style={{ minWidth: 160 }}
            options={FINDING_STATUSES.map((s) => ({ value: s, label: t(`acceptance.statuses.${s}`) }))}
            aria-label={t('acceptance.status')}
            data-testid="acceptance-filter-status"
          />
          <Select<FindingSeverity>
            allowClear
            value={severity}
            onChange={setSeverity}
            placeholder={t('acceptance.allSeverities')}
            style={{ minWidth: 140 }}
            options={FINDING_SEVERITIES.map((s) => ({ value: s, label: t(`acceptance.severities.${s}`) }))}
            aria-label={t('acceptance.severity')}
            data-testid="acceptance-filter-severity"
          />
        </Space>
        {work && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setDialog({ kind: 'record' })}
            data-testid="finding-record"
          >
            {t('acceptance.record')}
          </Button>
        )}
      </Flex>
      <Table<AcceptanceFinding>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 960 }}
        locale={{ emptyText: <Empty description={t('acceptance.noFindings')} /> }}
        onRow={(f) => ({ 'data-testid': `finding-${f.id}` }) as never}
        columns={[
          { title: t('acceptance.unit'), dataIndex: 'unitCode', width: 110 },
          { title: t('acceptance.room'), key: 'room', width: 80, render: (_, f) => t(`tickets.rooms.${f.room}`) },
          { title: t('acceptance.category'), key: 'category', render: (_, f) => categoryName(f.categoryCode) },
          { title: t('acceptance.description'), key: 'desc', render: (_, f) => <FindingDescription finding={f} /> },
          { title: t('acceptance.contractor'), key: 'contractor', render: (_, f) => f.contractorName ?? '—' },
          { title: t('acceptance.status'), key: 'status', render: (_, f) => <FindingTags finding={f} /> },
          { title: t('acceptance.due'), key: 'due', render: (_, f) => <FindingDue finding={f} /> },
          { title: t('acceptance.created'), key: 'created', render: (_, f) => <DateTime value={f.createdAt} /> },
          {
            title: '',
            key: 'actions',
            render: (_, f) =>
              work && (
                <Space size={4}>
                  {f.status === 'rectified' && (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => setDialog({ kind: 'action', finding: f, action: 'verify' })}
                      data-testid={`verify-${f.id}`}
                    >
                      {t('acceptance.verify')}
                    </Button>
                  )}
                  {f.status === 'rectified' && (
                    <Button
                      size="small"
                      danger
                      onClick={() => setDialog({ kind: 'action', finding: f, action: 'reopen' })}
                      data-testid={`reopen-${f.id}`}
                    >
                      {t('acceptance.reopen')}
                    </Button>
                  )}
                </Space>
              ),
          },
        ]}
      />
      <Flex vertical gap={8} style={{ marginTop: 12 }}>
        {query.isFetchNextPageError && (
          <ErrorAlert error={query.error} onRetry={() => void query.fetchNextPage()} retrying={query.isFetching} />
        )}
        <LoadMore
          loaded={items.length}
          hasMore={query.hasNextPage}
          loading={query.isFetchingNextPage}
          onLoadMore={() => void query.fetchNextPage()}
          testId="acceptance-load-more"
        />
      </Flex>
      <Suspense fallback={null}>
        {dialog?.kind === 'record' && <RecordFindingModal batchId={batchId} onClose={() => setDialog(null)} />}
        {dialog?.kind === 'action' && (
          <FindingActionModal finding={dialog.finding} action={dialog.action} onClose={() => setDialog(null)} />
        )}
      </Suspense>
    </div>
  );
}
