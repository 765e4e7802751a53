import type { Notice } from '@anju/contracts';
import { NotificationOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotices } from '../../api/notices';
import { DateTime } from '../../components/DateTime';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { LoadMore } from '../../components/LoadMore';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import { ProjectFilter } from '../tickets/fields';
import { NoticeCategoryTag } from './NoticeCategoryTag';

// fetched when opened: the form (uploader, editor) and the drawer (images)
const NoticeDetailDrawer = lazy(async () => ({ default: (await import('./NoticeDetailDrawer')).NoticeDetailDrawer }));
const NoticeFormModal = lazy(async () => ({ default: (await import('./NoticeFormModal')).NoticeFormModal }));

const rowProps = (n: Notice) => ({ 'data-testid': `notice-row-${n.id}` }) as HTMLAttributes<HTMLElement>;

/** Announcements to the owners of each project in my scope: who published what, and how many owners read it. */
export function NoticesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const [projectId, setProjectId] = useState<string>();
  const [publishing, setPublishing] = useState(false);
  const [open, setOpen] = useState<Notice | null>(null);
  const query = useNotices({ projectId });
  const notices = useMemo(() => query.data?.pages.flatMap((p) => p.items) ?? [], [query.data]);

  const columns: TableColumnsType<Notice> = [
    {
      key: 'category',
      title: t('notices.category'),
      render: (_, n) => <NoticeCategoryTag category={n.category} />,
    },
    {
      key: 'title',
      title: t('notices.noticeTitle'),
      render: (_, n) => (
        <Flex align="center" gap={6}>
          <Button
            type="link"
            onClick={() => setOpen(n)}
            style={{ padding: 0, height: 'auto', maxWidth: 360 }}
            title={n.title}
            data-testid={`notice-open-${n.id}`}
          >
            <Typography.Text ellipsis style={{ color: 'inherit' }}>
              {n.title}
            </Typography.Text>
          </Button>
          {n.images.length > 0 && (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              <PictureOutlined /> {n.images.length}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    { key: 'project', title: t('notices.project'), dataIndex: 'projectName' },
    { key: 'publishedAt', title: t('notices.publishedAt'), render: (_, n) => <DateTime value={n.publishedAt} /> },
    { key: 'author', title: t('notices.author'), render: (_, n) => n.createdByName ?? t('common.none') },
    {
      key: 'readCount',
      title: t('notices.readCount'),
      align: 'end',
      render: (_, n) => <span data-testid={`notice-read-${n.id}`}>{n.readCount ?? 0}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('notices.title')}
        extra={
          can('notices.publish') && (
            <Button
              type="primary"
              icon={<NotificationOutlined />}
              onClick={() => setPublishing(true)}
              data-testid="notice-publish"
            >
              {t('notices.publish')}
            </Button>
          )
        }
      />
      <Card>
        <ProjectFilter
          value={projectId}
          onChange={setProjectId}
          placeholder={t('notices.allProjects')}
          style={{ width: 260, maxWidth: '100%', marginBottom: 12 }}
          testId="notices-project-filter"
        />
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
            <Table<Notice>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={notices}
              loading={query.isPending || (query.isFetching && !query.isFetchingNextPage)}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={rowProps}
              locale={{
                emptyText: <Empty description={projectId ? t('notices.emptyProject') : t('notices.empty')} />,
              }}
            />
            <LoadMore
              loaded={notices.length}
              hasMore={query.hasNextPage}
              loading={query.isFetchingNextPage}
              onLoadMore={() => void query.fetchNextPage()}
              testId="notices-load-more"
            />
          </Flex>
        )}
      </Card>
      <Suspense fallback={null}>
        {publishing && <NoticeFormModal projectId={projectId} onClose={() => setPublishing(false)} />}
        {open && <NoticeDetailDrawer notice={open} onClose={() => setOpen(null)} />}
      </Suspense>
    </>
  );
}
