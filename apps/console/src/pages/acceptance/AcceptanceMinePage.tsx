import { type AcceptanceFinding, FINDING_STATUSES, type FindingStatus } from '@anju/contracts/acceptance';
import { Button, Empty, Flex, Segmented, Table, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMyAcceptanceFindings } from '../../api/acceptance';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import '../handover/acceptanceStrings';
import { useCategoryName } from '../tickets/categoryName';
import { FindingDescription, FindingDue, FindingTags } from './findingParts';

const FindingActionModal = lazy(async () => ({ default: (await import('./FindingActionModal')).FindingActionModal }));

/**
 * The contractor's rectification list: the simulated-acceptance findings given to their organisation, most urgent
 * first; "Rectified" reports one fixed with a note. A notice links here with `?finding=<id>`: that row is highlighted
 * and, when it is still open, its dialog opens.
 */
export function AcceptanceMinePage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const focus = params.get('finding');
  const [status, setStatus] = useState<FindingStatus>('open');
  const query = useMyAcceptanceFindings(status);
  const categoryName = useCategoryName();
  const [acting, setActing] = useState<AcceptanceFinding | null>(null);
  const [opened, setOpened] = useState<string | null>(null);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  // the finding a notice links to: open its dialog once, when it is in the list and still open
  useEffect(() => {
    if (!focus || opened === focus) return;
    const found = items.find((f) => f.id === focus);
    if (!found) return;
    setOpened(focus);
    if (found.status === 'open') setActing(found);
    document.querySelector(`[data-row-key="${focus}"]`)?.scrollIntoView({ block: 'center' });
  }, [focus, opened, items]);

  if (query.isError && !query.data)
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />;

  return (
    <>
      <PageHeader title={t('acceptance.mineTitle')} />
      <Typography.Paragraph type="secondary">{t('acceptance.mineIntro')}</Typography.Paragraph>
      <Segmented<FindingStatus>
        value={status}
        onChange={setStatus}
        options={FINDING_STATUSES.map((s) => ({ value: s, label: t(`acceptance.statuses.${s}`) }))}
        style={{ marginBottom: 12 }}
        data-testid="mine-status"
      />
      <Table<AcceptanceFinding>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 900 }}
        rowClassName={(f) => (f.id === focus ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: <Empty description={t('acceptance.noMine')} /> }}
        onRow={(f) => ({ 'data-testid': `mine-finding-${f.id}` }) as never}
        columns={[
          { title: t('acceptance.unit'), dataIndex: 'unitCode', width: 120 },
          { title: t('acceptance.room'), key: 'room', width: 90, render: (_, f) => t(`tickets.rooms.${f.room}`) },
          { title: t('acceptance.category'), key: 'category', render: (_, f) => categoryName(f.categoryCode) },
          {
            title: t('acceptance.description'),
            key: 'description',
            render: (_, f) => <FindingDescription finding={f} />,
          },
          { title: t('acceptance.status'), key: 'status', render: (_, f) => <FindingTags finding={f} /> },
          { title: t('acceptance.due'), key: 'due', render: (_, f) => <FindingDue finding={f} /> },
          { title: t('acceptance.created'), key: 'created', render: (_, f) => <DateTime value={f.createdAt} /> },
          {
            title: '',
            key: 'actions',
            render: (_, f) =>
              f.status === 'open' && (
                <Button size="small" type="primary" onClick={() => setActing(f)} data-testid={`rectify-${f.id}`}>
                  {t('acceptance.rectify')}
                </Button>
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
          testId="mine-load-more"
        />
      </Flex>
      <Suspense fallback={null}>
        {acting && <FindingActionModal finding={acting} action="rectify" onClose={() => setActing(null)} />}
      </Suspense>
    </>
  );
}
