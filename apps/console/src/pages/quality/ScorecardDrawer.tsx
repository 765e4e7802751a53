import { Alert, Card, Descriptions, Drawer, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type ScorecardFilter,
  type SupplierScorecard,
  type SupplierScorecardRow,
  useSupplierScorecard,
} from '../../api/scorecards';
import { useErrorText } from '../../lib/errors';
import { useCategoryName } from '../tickets/categoryName';
import { ScorecardTrend } from './ScorecardTrend';
import { ScorecardWatch } from './ScorecardWatch';
import { Decimal, NoData, Percent, TrendMark, usePeriodLabel } from './scorecardShared';

type Cell = SupplierScorecard['cells'][number];

/**
 * One supplier's scorecard for the period and filters of the list: its figures, the cells (defect category ×
 * project × delivery batch), twelve months, and its watch-list entry (put on or taken off by quality.manage).
 */
export function ScorecardDrawer({
  row,
  filter,
  canManage,
  onClose,
}: {
  row: SupplierScorecardRow;
  filter: ScorecardFilter;
  canManage: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const categoryName = useCategoryName();
  const periodLabel = usePeriodLabel();
  const query = useSupplierScorecard(row.supplierId, filter);
  const data = query.data;
  const s = data?.supplier ?? row;

  const columns: TableColumnsType<Cell> = [
    {
      key: 'category',
      title: t('scorecards.category'),
      render: (_, c) => (c.category ? categoryName(c.category) : t('scorecards.anyCategory')),
    },
    { key: 'project', title: t('scorecards.project'), render: (_, c) => c.projectName ?? <NoData /> },
    { key: 'batch', title: t('scorecards.batch'), render: (_, c) => c.batchName ?? t('scorecards.noBatch') },
    { key: 'repairs', title: t('scorecards.repairs'), dataIndex: 'repairs', align: 'right' },
    { key: 'delivered', title: t('scorecards.deliveredUnits'), dataIndex: 'deliveredUnits', align: 'right' },
    {
      key: 'per100',
      title: t('scorecards.per100Units'),
      align: 'right',
      render: (_, c) => <Decimal value={c.per100Units} />,
    },
    { key: 'repeats', title: t('scorecards.repeats'), dataIndex: 'repeats', align: 'right' },
    {
      key: 'avg',
      title: t('scorecards.avgHoursToFix'),
      align: 'right',
      render: (_, c) => <Decimal value={c.avgHoursToFix} />,
    },
    {
      key: 'p90',
      title: t('scorecards.p90HoursToFix'),
      align: 'right',
      render: (_, c) => <Decimal value={c.p90HoursToFix} />,
    },
    {
      key: 'satisfaction',
      title: t('scorecards.satisfaction'),
      align: 'right',
      render: (_, c) => <Percent value={c.satisfaction} />,
    },
    {
      key: 'material',
      title: t('scorecards.materialShare'),
      align: 'right',
      render: (_, c) => <Percent value={c.materialShare} />,
    },
    {
      key: 'workmanship',
      title: t('scorecards.workmanshipShare'),
      align: 'right',
      render: (_, c) => <Percent value={c.workmanshipShare} />,
    },
  ];

  return (
    <Drawer
      open
      width={960}
      title={t('scorecards.drawerTitle', { name: s.supplierName, period: periodLabel(filter.period) })}
      onClose={onClose}
      loading={query.isLoading}
      data-testid="scorecard-drawer"
    >
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} style={{ marginBottom: 16 }} />}
      <Descriptions size="small" column={{ xs: 1, md: 3 }} title={t('scorecards.summary')} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('scorecards.rank')}>
          {s.rank ?? <NoData />}&nbsp;
          <TrendMark
            trend={s.trend}
            previous={s.previousRank !== null ? t('scorecards.previousRank', { rank: s.previousRank }) : undefined}
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('scorecards.repairs')}>{s.repairs}</Descriptions.Item>
        <Descriptions.Item label={t('scorecards.deliveredUnits')}>{s.deliveredUnits}</Descriptions.Item>
        <Descriptions.Item label={t('scorecards.per100Units')}>
          <Decimal value={s.per100Units} />
        </Descriptions.Item>
        <Descriptions.Item label={t('scorecards.repeatShare')}>
          <Percent value={s.repeatShare} /> ({s.repeats})
        </Descriptions.Item>
        <Descriptions.Item label={t('scorecards.satisfaction')}>
          <Percent value={s.satisfaction} />
        </Descriptions.Item>
        <Descriptions.Item label={t('scorecards.avgHoursToFix')}>
          <Decimal value={s.avgHoursToFix} />
        </Descriptions.Item>
        <Descriptions.Item label={t('scorecards.p90HoursToFix')}>
          <Decimal value={s.p90HoursToFix} />
        </Descriptions.Item>
        <Descriptions.Item label={`${t('scorecards.materialShare')} / ${t('scorecards.workmanshipShare')}`}>
          <Percent value={s.materialShare} />
          &nbsp;/&nbsp;
          <Percent value={s.workmanshipShare} />
        </Descriptions.Item>
      </Descriptions>
      {data && (
        <>
          <ScorecardWatch supplierId={row.supplierId} watch={data.watch} canManage={canManage} />
          <Card size="small" title={t('scorecards.cells')} style={{ marginBottom: 16 }}>
            <div data-testid="scorecard-cells">
              <Table<Cell>
                size="small"
                rowKey={(c) => `${c.category}|${c.projectId}|${c.batchId}`}
                columns={columns}
                dataSource={data.cells}
                pagination={data.cells.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                scroll={{ x: 'max-content' }}
                locale={{ emptyText: t('scorecards.cellsEmpty') }}
              />
            </div>
          </Card>
          <Card size="small" title={t('scorecards.months')}>
            <ScorecardTrend months={data.months} />
          </Card>
        </>
      )}
    </Drawer>
  );
}
