import { Card, Empty, Flex, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useClusters } from '../../api/quality';
import { DateTime } from '../../components/DateTime';
import { SEVERITY_COLOR } from './clusterLabels';
import './qualityStrings';

const SHOWN = 5;

/** The open clusters of the reader's subtree on the executive dashboard: the newest few, counts by level, the board. */
export function OpenClustersPanel() {
  const { t } = useTranslation();
  const query = useClusters({ status: 'open' });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const byLevel = [3, 2, 1].map((level) => ({ level, n: items.filter((c) => c.severity === level).length }));
  return (
    <Card
      size="small"
      title={t('quality.title')}
      loading={query.isLoading}
      style={{ marginBottom: 16 }}
      data-testid="open-clusters"
      extra={
        <Flex gap={4} align="center">
          {byLevel
            .filter((l) => l.n > 0)
            .map((l) => (
              <Tag key={l.level} color={SEVERITY_COLOR[l.level]}>
                {t('quality.level', { level: l.level })} × {l.n}
                {query.hasNextPage ? '+' : ''}
              </Tag>
            ))}
          <Link to="/quality/clusters">{t('quality.seeAll')}</Link>
        </Flex>
      }
    >
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('quality.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items.slice(0, SHOWN)}
          renderItem={(c) => (
            <List.Item>
              <Flex gap={8} wrap style={{ width: '100%' }}>
                <Tag color={SEVERITY_COLOR[c.severity]}>{t('quality.level', { level: c.severity })}</Tag>
                <Link to={`/quality/clusters/${c.id}`}>{c.number}</Link>
                <span style={{ flex: 1 }}>
                  {c.projectName} {c.place ?? t('quality.commonArea')} ·{' '}
                  {t('quality.ticketsOf', { tickets: c.ticketCount, households: c.householdCount })}
                </span>
                <DateTime value={c.raisedAt} />
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
