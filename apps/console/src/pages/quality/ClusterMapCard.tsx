import { Card, Empty, Flex, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useClusterMap } from '../../api/quality';
import { SEVERITY_COLOR } from './clusterLabels';

/** The chosen project's buildings as tiles coloured by the highest level of their open clusters. */
export function ClusterMapCard({ projectId }: { projectId: string | undefined }) {
  const { t } = useTranslation();
  const map = useClusterMap(projectId);
  const tile = (key: string, name: string, severity: number, count: number) => (
    <Tooltip key={key} title={count ? t('quality.building', { name, count }) : t('quality.buildingClear', { name })}>
      <Tag
        color={SEVERITY_COLOR[severity] ?? 'default'}
        data-testid={`cluster-map-${name}`}
        data-severity={severity}
        style={{ minWidth: 88, padding: '12px 8px', textAlign: 'center', fontSize: 14 }}
      >
        {name}
        {count ? ` · ${t('quality.level', { level: severity })}` : ''}
      </Tag>
    </Tooltip>
  );
  return (
    <Card size="small" title={t('quality.map')} style={{ marginBottom: 12 }} loading={map.isLoading}>
      {!projectId ? (
        <Typography.Text type="secondary">{t('quality.mapHint')}</Typography.Text>
      ) : map.data && map.data.buildings.length + map.data.commonAreas.length === 0 ? (
        <Empty description={t('quality.noBuildings')} />
      ) : (
        <Flex wrap gap={8}>
          {map.data?.buildings.map((b) => tile(b.id, b.name, b.severity, b.clusters))}
          {map.data?.commonAreas.map((a) =>
            tile(`loc:${a.place}`, a.place || t('quality.commonArea'), a.severity, a.clusters),
          )}
        </Flex>
      )}
    </Card>
  );
}
