import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Empty, Spin, Tabs, Tag } from 'antd';
import { lazy, type ReactNode, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { useBuildings, useProject } from '../../api/property';
import { ErrorAlert, ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';
import { ProjectMilestones } from './ProjectMilestones';

// the journeys card and its strings load after the page (the journeys chunk)
const ProjectJourneyTemplates = lazy(() => import('../journeys/ProjectJourneyTemplates'));

import { UnitsTab } from './UnitsTab';
import './propertyStrings';

// the grid is the tab the page opens on; the other tabs (tables, their dialogs) and the edit dialog are fetched when opened
const DeliveryBatchesTab = lazy(async () => ({ default: (await import('./DeliveryBatchesTab')).DeliveryBatchesTab }));
const ProjectFormModal = lazy(async () => ({ default: (await import('./ProjectFormModal')).ProjectFormModal }));
const WarrantyRulesTab = lazy(async () => ({ default: (await import('./WarrantyRulesTab')).WarrantyRulesTab }));
const ProductTypesTab = lazy(async () => ({ default: (await import('./ProductTypesTab')).ProductTypesTab }));
const BuildingsTab = lazy(async () => ({ default: (await import('./BuildingsTab')).BuildingsTab }));

const TABS = ['units', 'batches', 'warranty', 'buildings', 'productTypes'] as const;
type Tab = (typeof TABS)[number];

/** Project facts and milestones, then tabs: the unit grid, delivery batches, warranty rules and buildings. */
export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const can = useCan();
  const project = useProject(id);
  const buildings = useBuildings(id);
  const [editing, setEditing] = useState(false);
  // the tab lives in the URL so Back and a shared link land on it
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((x) => x === params.get('tab')) ?? 'units';
  if (project.isLoading) return <Spin />;
  if (project.isError)
    return <ErrorState error={project.error} onRetry={() => void project.refetch()} retrying={project.isFetching} />;
  const p = project.data;
  if (!p) return <Empty />;
  const buildingList = buildings.data?.items ?? [];

  const editButton = can('property.manage') && (
    <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="project-edit">
      {t('common.edit')}
    </Button>
  );
  const withBuildings = (node: ReactNode) =>
    buildings.isError ? (
      <ErrorAlert error={buildings.error} onRetry={() => void buildings.refetch()} retrying={buildings.isFetching} />
    ) : buildings.isLoading ? (
      <Spin />
    ) : (
      node
    );

  return (
    <>
      <PageHeader title={p.name} extra={editButton} />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('property.code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('property.company')}>{p.cityCompanyName}</Descriptions.Item>
          <Descriptions.Item label={t('property.address')}>{p.address || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('property.finish')}>
            {t(`property.finishes.${p.finishStandard}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('property.unitCount')}>{p.unitCount}</Descriptions.Item>
          <Descriptions.Item label={t('property.productTypes')}>
            {p.productTypes.length ? p.productTypes.map((x) => <Tag key={x}>{x}</Tag>) : '—'}
          </Descriptions.Item>
          {p.description && (
            <Descriptions.Item label={t('property.description')} span={3}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{p.description}</span>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <ProjectMilestones projectId={id} />
      {can('journeys.read') && (
        <Suspense fallback={null}>
          <ProjectJourneyTemplates projectId={id} />
        </Suspense>
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'units' ? {} : { tab: key }, { replace: true })}
          items={[
            {
              key: 'units',
              label: t('property.tabs.units'),
              children: withBuildings(<UnitsTab buildings={buildingList} productTypes={p.productTypes} />),
            },
            {
              key: 'batches',
              label: t('property.tabs.batches'),
              children: (
                <Suspense fallback={<Spin />}>
                  <DeliveryBatchesTab projectId={id} buildings={buildingList} />
                </Suspense>
              ),
            },
            {
              key: 'warranty',
              label: t('property.tabs.warranty'),
              children: (
                <Suspense fallback={<Spin />}>
                  <WarrantyRulesTab projectId={id} />
                </Suspense>
              ),
            },
            {
              key: 'buildings',
              label: t('property.tabs.buildings'),
              children: (
                <Suspense fallback={<Spin />}>
                  <BuildingsTab projectId={id} buildings={buildingList} loading={buildings.isLoading} />
                </Suspense>
              ),
            },
            {
              key: 'productTypes',
              label: t('kpiData.productTypes.tab'),
              children: (
                <Suspense fallback={<Spin />}>
                  <ProductTypesTab projectId={id} />
                </Suspense>
              ),
            },
          ]}
        />
      </Card>
      <Suspense fallback={null}>
        {editing && <ProjectFormModal project={p} onClose={() => setEditing(false)} />}
      </Suspense>
    </>
  );
}
