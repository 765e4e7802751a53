import { CLUSTER_STATUSES } from '@anju/contracts/quality';
import { Button, Card, Flex, Select, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { type Cluster, type ClusterFilter, useClusters } from '../../api/quality';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';
import { useCategoryName } from '../tickets/categoryName';
import { ClusterMapCard } from './ClusterMapCard';
import { categoryLabel, SEVERITY_COLOR } from './clusterLabels';
import './qualityStrings';

const ClusterDrawer = lazy(async () => ({ default: (await import('./ClusterDrawer')).ClusterDrawer }));
const ClusterRulesModal = lazy(async () => ({ default: (await import('./ClusterRulesModal')).ClusterRulesModal }));

const rowProps = (c: Cluster) =>
  ({ 'data-testid': `cluster-row-${c.number}`, style: { cursor: 'pointer' } }) as HTMLAttributes<HTMLElement>;

/**
 * The cluster board (群诉预警): clusters of the caller's subtree newest first, by status, project and level; the
 * chosen project's buildings coloured by their open clusters; a cluster's drawer (`/quality/clusters/:id`).
 */
export function ClustersPage() {
  const { t } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const { id } = useParams();
  const categoryName = useCategoryName();
  const [filter, setFilter] = useState<ClusterFilter>({});
  const [rules, setRules] = useState(false);
  const query = useClusters(filter);
  const set = (patch: Partial<ClusterFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const open = (clusterId: string | null) =>
    navigate(clusterId ? `/quality/clusters/${clusterId}` : '/quality/clusters');

  const columns: TableColumnsType<Cluster> = [
    { key: 'number', title: t('quality.number'), dataIndex: 'number' },
    {
      key: 'severity',
      title: t('quality.severity'),
      render: (_, c) => <Tag color={SEVERITY_COLOR[c.severity]}>{t('quality.level', { level: c.severity })}</Tag>,
    },
    { key: 'project', title: t('quality.project'), dataIndex: 'projectName' },
    { key: 'place', title: t('quality.place'), render: (_, c) => c.place ?? t('quality.commonArea') },
    {
      key: 'categories',
      title: t('quality.categories'),
      render: (_, c) => c.categories.map((x) => <Tag key={x}>{categoryLabel(x, t, categoryName)}</Tag>),
    },
    {
      key: 'tickets',
      title: t('quality.tickets'),
      render: (_, c) => t('quality.ticketsOf', { tickets: c.ticketCount, households: c.householdCount }),
    },
    {
      key: 'window',
      title: t('quality.window'),
      render: (_, c) => (
        <>
          <DateTime value={c.firstAt} /> – <DateTime value={c.lastAt} />
        </>
      ),
    },
    {
      key: 'status',
      title: t('quality.status'),
      render: (_, c) => (
        <Flex gap={4} wrap>
          <Tag color={c.status === 'open' ? 'red' : 'default'}>{t(`quality.statuses.${c.status}`)}</Tag>
          {c.acknowledged && <Tag color="green">{t('quality.acknowledged')}</Tag>}
        </Flex>
      ),
    },
    { key: 'raisedAt', title: t('quality.raisedAt'), render: (_, c) => <DateTime value={c.raisedAt} /> },
  ];

  return (
    <>
      <PageHeader
        title={t('quality.title')}
        extra={
          <Button onClick={() => setRules(true)} data-testid="cluster-rules-open">
            {t('quality.rules.open')}
          </Button>
        }
      />
      <Card>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <Select<ClusterFilter['status']>
            allowClear
            placeholder={t('quality.allStatuses')}
            value={filter.status}
            onChange={(v) => set({ status: v })}
            options={CLUSTER_STATUSES.map((value) => ({ value, label: t(`quality.statuses.${value}`) }))}
            style={{ width: 160 }}
            data-testid="cluster-status"
          />
          <Select<number>
            allowClear
            placeholder={t('quality.minSeverity')}
            value={filter.minSeverity}
            onChange={(v) => set({ minSeverity: v })}
            options={[1, 2, 3].map((level) => ({ value: level, label: t('quality.level', { level }) }))}
            style={{ width: 140 }}
          />
          <div style={{ width: 240 }}>
            <ProjectFilter value={filter.projectId} onChange={(v) => set({ projectId: v })} testId="cluster-project" />
          </div>
        </Flex>
        <ClusterMapCard projectId={filter.projectId} />
        <CursorTable<Cluster>
          query={query}
          rowKey="id"
          columns={columns}
          onRow={(c) => ({ ...rowProps(c), onClick: () => open(c.id) })}
          emptyText={t('quality.empty')}
        />
      </Card>
      <Suspense fallback={null}>
        {id && <ClusterDrawer id={id} onClose={() => open(null)} />}
        {rules && <ClusterRulesModal canEdit={can('quality.manage')} onClose={() => setRules(false)} />}
      </Suspense>
    </>
  );
}
