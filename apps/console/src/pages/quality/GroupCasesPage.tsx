import { GROUP_CASE_STATUSES } from '@anju/contracts/quality';
import { Card, Flex, Select, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { type GroupCase, useGroupCases } from '../../api/quality';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import './qualityStrings';

const GroupCaseDrawer = lazy(async () => ({ default: (await import('./GroupCaseDrawer')).GroupCaseDrawer }));

const rowProps = (c: GroupCase) =>
  ({ 'data-testid': `case-row-${c.number}`, style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>;

/** Group cases (特事特办) of the caller's subtree, newest first; a case's drawer at `/quality/cases/:id`. */
export function GroupCasesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { id } = useParams();
  const [status, setStatus] = useState<'open' | 'closed' | undefined>();
  const query = useGroupCases(status);
  const open = (caseId: string | null) => navigate(caseId ? `/quality/cases/${caseId}` : '/quality/cases');
  const columns: TableColumnsType<GroupCase> = [
    { key: 'number', title: t('quality.cases.number'), dataIndex: 'number' },
    { key: 'title', title: t('quality.cases.name'), dataIndex: 'title' },
    { key: 'project', title: t('quality.cases.project'), render: (_, c) => c.projectName ?? '—' },
    { key: 'owner', title: t('quality.cases.owner'), dataIndex: 'ownerName' },
    { key: 'deadline', title: t('quality.cases.deadline'), dataIndex: 'deadline' },
    { key: 'tickets', title: t('quality.cases.tickets'), dataIndex: 'ticketCount' },
    { key: 'tasks', title: t('quality.cases.openTasks'), dataIndex: 'openTasks' },
    {
      key: 'status',
      title: t('quality.cases.status'),
      render: (_, c) => (
        <Tag color={c.status === 'open' ? 'red' : 'default'}>{t(`quality.cases.statuses.${c.status}`)}</Tag>
      ),
    },
    { key: 'createdAt', title: t('quality.cases.createdAt'), render: (_, c) => <DateTime value={c.createdAt} /> },
  ];
  return (
    <>
      <PageHeader title={t('quality.cases.title')} />
      <Card>
        <Flex gap={8} style={{ marginBottom: 12 }}>
          <Select<'open' | 'closed'>
            allowClear
            placeholder={t('quality.allStatuses')}
            value={status}
            onChange={setStatus}
            options={GROUP_CASE_STATUSES.map((value) => ({ value, label: t(`quality.cases.statuses.${value}`) }))}
            style={{ width: 160 }}
          />
        </Flex>
        <CursorTable<GroupCase>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={(c) => ({ ...rowProps(c), onClick: () => open(c.id) })}
          emptyText={t('quality.cases.empty')}
        />
      </Card>
      <Suspense fallback={null}>{id && <GroupCaseDrawer id={id} onClose={() => open(null)} />}</Suspense>
    </>
  );
}
