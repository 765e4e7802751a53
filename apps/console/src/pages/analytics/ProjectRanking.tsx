import type { KpiCode } from '@anju/contracts/analytics';
import { Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RankedProject } from '../../api/analytics';

interface Props {
  projects: RankedProject[];
  loading?: boolean;
  /** Opens the records behind a project's red KPI. */
  onDrill: (kpi: KpiCode, project: RankedProject['project']) => void;
}

/** The scope's projects ranked by the share of their KPIs with data that met the target. */
export function ProjectRanking({ projects, loading, onDrill }: Props) {
  const { t } = useTranslation();
  return (
    <Table<RankedProject>
      size="small"
      rowKey={(r) => r.project.id}
      dataSource={projects}
      loading={loading}
      pagination={projects.length > 20 ? { pageSize: 20 } : false}
      locale={{ emptyText: t('kpi.projects.empty') }}
      data-testid="kpi-projects"
      onRow={(r) => ({ 'data-testid': `kpi-project-${r.project.name}` }) as never}
      columns={[
        { title: t('kpi.projects.rank'), dataIndex: 'rank', width: 64 },
        { title: t('kpi.projects.project'), dataIndex: ['project', 'name'] },
        {
          title: t('kpi.projects.score'),
          dataIndex: 'score',
          width: 120,
          render: (v: number | null) => (v === null ? t('kpi.noData') : `${(v * 100).toFixed(1)}%`),
        },
        { title: t('kpi.projects.met'), dataIndex: 'met', width: 72 },
        { title: t('kpi.projects.missed'), dataIndex: 'missed', width: 72 },
        {
          title: t('kpi.projects.red'),
          dataIndex: 'red',
          render: (codes: KpiCode[], r) => (
            <Space size={4} wrap>
              {codes.map((kpi) => (
                <Tag
                  key={kpi}
                  color="error"
                  style={{ cursor: 'pointer' }}
                  title={t(`kpiNames.${kpi}`)}
                  onClick={() => onDrill(kpi, r.project)}
                  data-testid={`kpi-project-red-${kpi}`}
                >
                  {kpi}
                </Tag>
              ))}
            </Space>
          ),
        },
      ]}
    />
  );
}
