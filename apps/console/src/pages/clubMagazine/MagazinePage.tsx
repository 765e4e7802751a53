import type { MagazineIssue } from '@anju/contracts/club-magazine';
import { Button, Card, Space, type TableColumnsType, Tabs, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMagazineIssues } from '../../api/clubMagazine';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import '../club/clubStrings';
import { ContributionsTab } from './ContributionsTab';

const IssueDrawer = lazy(async () => ({ default: (await import('./IssueDrawer')).IssueDrawer }));
const RecipientsDrawer = lazy(async () => ({ default: (await import('./RecipientsDrawer')).RecipientsDrawer }));

/** The club magazine: issues (edit, publish, recipients for the print shop) and owners' contributions. */
export function MagazinePage() {
  const { t } = useTranslation();
  const can = useCan();
  const issues = useMagazineIssues();
  const [editing, setEditing] = useState<MagazineIssue | 'new' | null>(null);
  const [recipientsOf, setRecipientsOf] = useState<MagazineIssue | null>(null);

  const columns: TableColumnsType<MagazineIssue> = [
    { key: 'title', title: t('club.magazine.issueTitle'), dataIndex: 'title' },
    { key: 'period', title: t('club.magazine.period'), dataIndex: 'period' },
    {
      key: 'status',
      title: t('club.magazine.status'),
      render: (_, i) => (
        <Tag color={i.status === 'published' ? 'green' : 'default'}>{t(`club.magazine.statuses.${i.status}`)}</Tag>
      ),
    },
    {
      key: 'publishedAt',
      title: t('club.magazine.publishedAt'),
      render: (_, i) => (i.publishedAt ? <DateTime value={i.publishedAt} /> : '—'),
    },
    {
      key: 'recipients',
      title: t('club.magazine.recipients'),
      render: (_, i) =>
        Object.entries(i.recipients ?? {})
          .map(([d, n]) => `${t(`club.magazine.deliveries.${d as 'hand'}`)} ${n}`)
          .join(' · ') || '—',
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_, i) => (
        <Space>
          {can('club.manage') && (
            <Button size="small" onClick={() => setEditing(i)} data-testid={`magazine-edit-${i.id}`}>
              {t('common.edit')}
            </Button>
          )}
          {can('club.manage') && (
            <Button size="small" onClick={() => setRecipientsOf(i)} data-testid={`magazine-recipients-${i.id}`}>
              {t('club.magazine.recipientList')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('club.magazine.title')}
        extra={
          can('club.manage') ? (
            <Button type="primary" onClick={() => setEditing('new')} data-testid="magazine-new">
              {t('club.magazine.newIssue')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Tabs
          items={[
            {
              key: 'issues',
              label: t('club.magazine.issues'),
              children: (
                <CursorTable<MagazineIssue>
                  query={issues}
                  rowKey="id"
                  columns={columns}
                  emptyText={t('club.magazine.noIssues')}
                  loadMoreTestId="magazine-more"
                />
              ),
            },
            { key: 'contributions', label: t('club.magazine.contributions'), children: <ContributionsTab /> },
          ]}
        />
      </Card>
      <Suspense fallback={null}>
        {editing && <IssueDrawer issue={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
        {recipientsOf && <RecipientsDrawer issue={recipientsOf} onClose={() => setRecipientsOf(null)} />}
      </Suspense>
    </>
  );
}
