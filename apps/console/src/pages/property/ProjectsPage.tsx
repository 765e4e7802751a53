import type { Project } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Space, Tag } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useProjects } from '../../api/property';
import { CursorTable, useCursorRows } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { useCan } from '../../lib/permissions';
import './propertyStrings';

// its form is fetched when it opens
const ProjectFormModal = lazy(async () => ({ default: (await import('./ProjectFormModal')).ProjectFormModal }));

export function ProjectsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const query = useProjects(q);
  const can = useCan();
  const [creating, setCreating] = useState(false);
  const items = useCursorRows(query);
  const companies = useMemo(
    () =>
      [...new Map(items.map((p) => [p.cityCompanyId, p.cityCompanyName])).entries()].map(([id, name]) => ({
        id,
        name,
      })),
    [items],
  );
  const createButton = can('property.manage') && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="project-create">
      {t('property.create')}
    </Button>
  );
  return (
    <>
      <PageHeader title={t('property.projects')} extra={createButton} />
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input.Search
            allowClear
            placeholder={t('property.searchProjects')}
            onSearch={(v) => setQ(v.trim())}
            style={{ maxWidth: 360 }}
          />
          <CursorTable<Project>
            query={query}
            rowKey="id"
            size="large"
            scroll={undefined}
            loading={query.isLoading}
            onRow={(p) =>
              ({
                onClick: () => navigate(`/projects/${p.id}`),
                style: { cursor: 'pointer' },
                'data-testid': `project-row-${p.code}`,
              }) as never
            }
            columns={[
              { title: t('property.code'), dataIndex: 'code' },
              {
                title: t('property.name'),
                dataIndex: 'name',
                // a real link, so the row is reachable with Tab and opens with Enter
                render: (name: string, p: Project) => (
                  <Link to={`/projects/${p.id}`} onClick={(e) => e.stopPropagation()}>
                    {name}
                  </Link>
                ),
              },
              { title: t('property.company'), dataIndex: 'cityCompanyName' },
              { title: t('property.address'), dataIndex: 'address' },
              {
                title: t('property.productTypes'),
                dataIndex: 'productTypes',
                render: (v: string[]) => v.map((x) => <Tag key={x}>{x}</Tag>),
              },
              {
                title: t('property.finish'),
                dataIndex: 'finishStandard',
                render: (f: Project['finishStandard']) => t(`property.finishes.${f}`),
              },
              { title: t('property.unitCount'), dataIndex: 'unitCount' },
            ]}
          />
        </Space>
      </Card>
      <Suspense fallback={null}>
        {creating && (
          <ProjectFormModal
            knownCompanies={companies}
            onClose={() => setCreating(false)}
            onCreated={(p) => navigate(`/projects/${p.id}`)}
          />
        )}
      </Suspense>
    </>
  );
}
