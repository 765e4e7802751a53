import type { KpiUnit } from '@anju/contracts/analytics';
import { DownloadOutlined, PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Spin, Table, Tag } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Award,
  type AwardCode,
  type AwardRanking,
  type AwardRankingFilters,
  exportAwardRanking,
  useAwardRanking,
  useAwards,
} from '../../api/reports';
import { ErrorState } from '../../components/ErrorState';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useDownload } from '../../lib/download';
import { useCan } from '../../lib/permissions';
import { formatKpiValue } from '../analytics/kpiFormat';
import { thisYear, YearSelect } from './reportShared';
import './reportStrings';

const AwardEntryModal = lazy(async () => ({ default: (await import('./AwardEntryModal')).AwardEntryModal }));

type RankingRow = AwardRanking['items'][number];

/** The unit of the KPI an award is measured by (its figure and threshold are shown as the KPI's). */
const UNIT: Record<string, KpiUnit> = { K2: 'percent', K11: 'percent', K13: 'percent', K19: 'count' };
const unitOf = (award: Award) => (award.kpi ? (UNIT[award.kpi] ?? 'ratio') : 'count');

/** `/awards`: KPIS.md's nine quality awards; an award's ranking of the projects for a year, exported; manual entries. */
export function AwardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const awards = useAwards();
  const [filters, setFilters] = useState<AwardRankingFilters>({ award: 'repair_callback', year: thisYear() });
  const download = useDownload();
  const [entryOpen, setEntryOpen] = useState(false);
  const ranking = useAwardRanking(filters);
  const set = (patch: Partial<AwardRankingFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const name = (code: AwardCode) => t(`reports.awards.names.${code}`);
  const condition = (a: Award) =>
    a.direction === null || a.threshold === null
      ? t('reports.awards.manual')
      : `${a.direction === 'at_least' ? '≥' : '≤'} ${formatKpiValue(unitOf(a), a.threshold)}`;

  const onExport = () => download.run(() => exportAwardRanking(filters), t('reports.exported'));

  if (awards.isError) return <ErrorState error={awards.error} onRetry={() => awards.refetch()} />;
  const current = ranking.data?.award;
  const manual = filters.award === 'first_professional_award';

  return (
    <>
      <PageHeader
        title={t('reports.awards.title')}
        extra={
          <Flex gap={8} wrap>
            <Select<AwardCode>
              value={filters.award}
              onChange={(award) => set({ award })}
              options={(awards.data ?? []).map((a) => ({ value: a.code, label: name(a.code) }))}
              showSearch={{ optionFilterProp: 'label' }}
              style={{ minWidth: 280 }}
              aria-label={t('reports.awards.award')}
              data-testid="award-select"
            />
            <YearSelect value={filters.year} onChange={(year) => set({ year })} from={2004} testId="award-year" />
            <OrgUnitTreeSelect
              value={filters.scope}
              onChange={(scope) => set({ scope })}
              allowClear
              placeholder={t('reports.scope')}
              selectable={(u) => u.type !== 'contractor' && u.type !== 'department'}
              style={{ minWidth: 200 }}
              testId="award-scope"
            />
            <Button
              icon={<DownloadOutlined />}
              loading={download.downloading}
              onClick={onExport}
              data-testid="award-export"
            >
              {t('reports.export')}
            </Button>
            {manual && can('analytics.manage') && (
              <Button icon={<PlusOutlined />} onClick={() => setEntryOpen(true)} data-testid="award-entry-open">
                {t('reports.awards.entry.open')}
              </Button>
            )}
          </Flex>
        }
      />
      <Card
        size="small"
        title={t('reports.awards.ranking')}
        style={{ marginBottom: 16 }}
        extra={current && <span data-testid="award-definition">{t(`reports.awards.definitions.${current.code}`)}</span>}
      >
        {ranking.isError ? (
          <ErrorState error={ranking.error} onRetry={() => ranking.refetch()} retrying={ranking.isFetching} />
        ) : (
          <Table<RankingRow>
            size="small"
            rowKey={(r) => r.project.id}
            loading={ranking.isFetching}
            pagination={false}
            dataSource={ranking.data?.items ?? []}
            locale={{ emptyText: t('reports.awards.empty') }}
            data-testid="award-ranking"
            columns={[
              { title: t('reports.awards.rank'), dataIndex: 'rank', width: 70 },
              {
                title: t('reports.awards.project'),
                key: 'project',
                render: (_, r) => (
                  <Flex gap={6} align="center">
                    {r.project.name}
                    {r.winner && (
                      <Tag color="gold" icon={<TrophyOutlined />} data-testid="award-winner">
                        {t('reports.awards.winner')}
                      </Tag>
                    )}
                  </Flex>
                ),
              },
              {
                title: t('reports.awards.value'),
                key: 'value',
                align: 'right',
                render: (_, r) =>
                  current && r.value !== null
                    ? formatKpiValue(unitOf(current), r.value)
                    : (r.note ?? t('reports.noData')),
              },
              { title: t('reports.awards.basis'), dataIndex: 'basis', align: 'right', width: 90 },
              {
                title: t('reports.awards.eligible'),
                key: 'eligible',
                width: 100,
                render: (_, r) => (
                  <Tag color={r.eligible ? 'success' : 'default'}>{t(r.eligible ? 'reports.yes' : 'reports.no')}</Tag>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card size="small" title={t('reports.awards.title')}>
        {awards.isLoading ? (
          <Spin />
        ) : (
          <Table<Award>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={awards.data ?? []}
            data-testid="award-list"
            rowClassName={(a) => (a.code === filters.award ? 'ant-table-row-selected' : '')}
            onRow={(a) => ({ onClick: () => set({ award: a.code }), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('reports.awards.award'), key: 'name', render: (_, a) => name(a.code) },
              {
                title: t('reports.awards.definition'),
                key: 'definition',
                render: (_, a) => t(`reports.awards.definitions.${a.code}`),
              },
              { title: t('reports.awards.threshold'), key: 'threshold', width: 120, render: (_, a) => condition(a) },
              {
                title: t('reports.awards.budget'),
                key: 'budget',
                width: 120,
                align: 'right',
                render: (_, a) => (a.budget === null ? '—' : t('reports.awards.budgetValue', { value: a.budget })),
              },
            ]}
          />
        )}
      </Card>
      {entryOpen && (
        <Suspense fallback={null}>
          <AwardEntryModal year={filters.year} onClose={() => setEntryOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
