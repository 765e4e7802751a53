import type { Notice } from '@anju/contracts';
import { NotificationOutlined, PictureOutlined } from '@ant-design/icons';
import { Button, Card, Flex, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNotices } from '../../api/notices';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useCan } from '../../lib/permissions';
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
        <CursorTable<Notice>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={rowProps}
          emptyText={projectId ? t('notices.emptyProject') : t('notices.empty')}
          loadMoreTestId="notices-load-more"
        />
      </Card>
      <Suspense fallback={null}>
        {publishing && <NoticeFormModal projectId={projectId} onClose={() => setPublishing(false)} />}
        {open && <NoticeDetailDrawer notice={open} onClose={() => setOpen(null)} />}
      </Suspense>
    </>
  );
}
