import type { AuditEvent } from '@anju/contracts';
import { Button, Card, Empty, Flex, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuditEvents } from '../../api/audit';
import type { AuditFilters as Filters } from '../../api/types';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useCodeWords } from '../../lib/codeWords';
import { AuditDetail } from './AuditDetail';
import { AuditFilters } from './AuditFilters';

const mono = { fontFamily: 'monospace', fontSize: 12 } as const;

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>({});
  const query = useAuditEvents(filters);
  const words = useCodeWords();
  const events = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  const columns: TableColumnsType<AuditEvent> = [
    { key: 'at', title: t('audit.at'), render: (_, e) => <DateTime value={e.at} seconds /> },
    {
      key: 'actor',
      title: t('audit.actor'),
      render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    {
      key: 'action',
      title: t('audit.action'),
      render: (_, e) => (
        <Tooltip title={e.action}>
          <Tag color="processing">{words.auditAction(e.action)}</Tag>
        </Tooltip>
      ),
    },
    { key: 'entityType', title: t('audit.entityType'), dataIndex: 'entityType' },
    {
      key: 'entityId',
      title: t('audit.entityId'),
      render: (_, e) =>
        e.entityId ? (
          <Typography.Text copyable style={mono}>
            {e.entityId}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    { key: 'ip', title: t('audit.ip'), render: (_, e) => e.ip ?? '—' },
    {
      key: 'requestId',
      title: t('audit.requestId'),
      render: (_, e) => (e.requestId ? <Typography.Text style={mono}>{e.requestId}</Typography.Text> : '—'),
    },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <Card>
        <AuditFilters onChange={setFilters} />
        {query.isError && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <Flex vertical gap={12}>
            {query.isError && (
              <ErrorAlert
                error={query.error}
                onRetry={() => void (query.isFetchNextPageError ? query.fetchNextPage() : query.refetch())}
              />
            )}
            <Table<AuditEvent>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={events}
              loading={query.isPending || (query.isFetching && !query.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              expandable={{ expandedRowRender: (e) => <AuditDetail event={e} /> }}
              locale={{ emptyText: <Empty description={t('audit.empty')} /> }}
            />
            <Flex justify="center" align="center" gap={12}>
              {events.length > 0 && (
                <Typography.Text type="secondary">{t('common.loaded', { count: events.length })}</Typography.Text>
              )}
              {query.hasNextPage ? (
                <Button
                  onClick={() => void query.fetchNextPage()}
                  loading={query.isFetchingNextPage}
                  data-testid="audit-load-more"
                >
                  {t('common.loadMore')}
                </Button>
              ) : (
                events.length > 0 && <Typography.Text type="secondary">{t('common.noMore')}</Typography.Text>
              )}
            </Flex>
          </Flex>
        )}
      </Card>
    </>
  );
}
