import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type HTMLAttributes, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import {
  exportSupplierScorecards,
  type ScorecardFilter,
  type SupplierScorecardRow,
  useSupplierScorecards,
} from '../../api/scorecards';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useDownload } from '../../lib/download';
import { useCan } from '../../lib/permissions';
import { lastMonth } from '../analytics/kpiFormat';
import { CategorySelect } from '../tickets/fields';
import { Decimal, NoData, Percent, PeriodSelect, TrendMark, usePeriodLabel } from './scorecardShared';

/** A period the page may open on from its link (the monthly mailing's `?period=2026-11`). */
const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$/;

const ScorecardDrawer = lazy(async () => ({ default: (await import('./ScorecardDrawer')).ScorecardDrawer }));

/** Ranked first (1, 2, …), suppliers without a rank (no repairs) last. */
const byRank = (a: SupplierScorecardRow, b: SupplierScorecardRow) =>
  (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) ||
  a.supplierName.localeCompare(b.supplierName, 'zh-CN');

const rowProps = (r: SupplierScorecardRow) =>
  ({
    'data-testid': `scorecard-row-${r.supplierCode ?? r.supplierId}`,
    style: { cursor: 'pointer' },
  }) as HTMLAttributes<HTMLElement>;

/**
 * `/quality/scorecards`: the suppliers and contractors of the caller's subtree ranked by repairs per 100 delivered
 * units for a month, quarter or year, with the trend against the previous period and the watch list; a row opens the
 * supplier's cells, twelve months and watch-list entry. A contractor's user sees its own row only.
 */
export function ScorecardsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const periodLabel = usePeriodLabel();
  const [params] = useSearchParams();
  const linked = params.get('period');
  const [filter, setFilter] = useState<ScorecardFilter>({
    period: linked && PERIOD.test(linked) ? linked : lastMonth(),
  });
  const [open, setOpen] = useState<SupplierScorecardRow | null>(null);
  const query = useSupplierScorecards(filter);
  const download = useDownload();
  const set = (patch: Partial<ScorecardFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const items = [...(query.data?.items ?? [])].sort(byRank);
  const previous = query.data?.previousPeriod;

  const columns: TableColumnsType<SupplierScorecardRow> = [
    {
      key: 'rank',
      title: t('scorecards.rank'),
      width: 90,
      render: (_, r) => (
        <Flex gap={6} align="center">
          {r.rank ?? <NoData />}
          <TrendMark
            trend={r.trend}
            previous={
              previous && r.previousRank !== null ? t('scorecards.previousRank', { rank: r.previousRank }) : undefined
            }
            testId={`scorecard-trend-${r.supplierCode ?? r.supplierId}`}
          />
        </Flex>
      ),
    },
    {
      key: 'supplier',
      title: t('scorecards.supplier'),
      render: (_, r) => (
        <Flex gap={6} wrap align="center">
          {/* the name is the row's keyboard way in: Tab to it, Enter opens the drawer */}
          <Button
            type="link"
            size="small"
            style={{ padding: 0 }}
            onClick={(e) => {
              e.stopPropagation();
              setOpen(r);
            }}
            aria-label={t('scorecards.open', { name: r.supplierName })}
          >
            {r.supplierName}
          </Button>
          {r.supplierCode && <Typography.Text type="secondary">{r.supplierCode}</Typography.Text>}
          {r.watched && (
            <Tag color="orange" data-testid={`scorecard-watched-${r.supplierCode ?? r.supplierId}`}>
              {t('scorecards.watched')}
            </Tag>
          )}
        </Flex>
      ),
    },
    { key: 'repairs', title: t('scorecards.repairs'), dataIndex: 'repairs', align: 'right' },
    { key: 'delivered', title: t('scorecards.deliveredUnits'), dataIndex: 'deliveredUnits', align: 'right' },
    {
      key: 'per100',
      title: t('scorecards.per100Units'),
      align: 'right',
      render: (_, r) => (
        <span
          title={
            previous
              ? t('scorecards.previous', {
                  period: periodLabel(previous),
                  value: r.previousPer100Units?.toFixed(1) ?? t('scorecards.noData'),
                })
              : undefined
          }
        >
          <Decimal value={r.per100Units} />
        </span>
      ),
    },
    {
      key: 'repeats',
      title: t('scorecards.repeatShare'),
      align: 'right',
      render: (_, r) => (
        <>
          <Percent value={r.repeatShare} /> <Typography.Text type="secondary">({r.repeats})</Typography.Text>
        </>
      ),
    },
    {
      key: 'avg',
      title: t('scorecards.avgHoursToFix'),
      align: 'right',
      render: (_, r) => <Decimal value={r.avgHoursToFix} />,
    },
    {
      key: 'p90',
      title: t('scorecards.p90HoursToFix'),
      align: 'right',
      render: (_, r) => <Decimal value={r.p90HoursToFix} />,
    },
    {
      key: 'satisfaction',
      title: t('scorecards.satisfaction'),
      align: 'right',
      render: (_, r) => (
        <span title={t('scorecards.callbacks', { satisfied: r.satisfied, callbacks: r.callbacks })}>
          <Percent value={r.satisfaction} />
        </span>
      ),
    },
    {
      key: 'material',
      title: t('scorecards.materialShare'),
      align: 'right',
      render: (_, r) => (
        <span title={t('scorecards.rootCaused', { count: r.rootCaused })}>
          <Percent value={r.materialShare} />
        </span>
      ),
    },
    {
      key: 'workmanship',
      title: t('scorecards.workmanshipShare'),
      align: 'right',
      render: (_, r) => (
        <span title={t('scorecards.rootCaused', { count: r.rootCaused })}>
          <Percent value={r.workmanshipShare} />
        </span>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('scorecards.title')}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={download.downloading}
            onClick={() => download.run(() => exportSupplierScorecards(filter), t('scorecards.exported'))}
            data-testid="scorecard-export"
          >
            {t('scorecards.export')}
          </Button>
        }
      />
      <Card>
        <Typography.Paragraph type="secondary">{t('scorecards.hint')}</Typography.Paragraph>
        <Flex wrap gap={8} style={{ marginBottom: 12 }}>
          <PeriodSelect value={filter.period} onChange={(period) => set({ period })} testId="scorecard-period" />
          {can('property.read') && (
            <ProjectFilter
              value={filter.projectId}
              onChange={(projectId) => set({ projectId })}
              placeholder={t('scorecards.allProjects')}
              style={{ width: 220 }}
              testId="scorecard-project"
            />
          )}
          <CategorySelect
            value={filter.category}
            onChange={(category) => set({ category })}
            placeholder={t('scorecards.allCategories')}
            style={{ width: 220 }}
            testId="scorecard-category"
          />
        </Flex>
        {query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
        ) : (
          <div data-testid="scorecard-table">
            <Table<SupplierScorecardRow>
              size="small"
              rowKey="supplierId"
              columns={columns}
              dataSource={items}
              loading={query.isFetching}
              pagination={false}
              scroll={{ x: 'max-content' }}
              locale={{ emptyText: t('scorecards.empty') }}
              onRow={(r) => ({ ...rowProps(r), onClick: () => setOpen(r) })}
            />
          </div>
        )}
      </Card>
      <Suspense fallback={null}>
        {open && (
          <ScorecardDrawer row={open} filter={filter} canManage={can('quality.manage')} onClose={() => setOpen(null)} />
        )}
      </Suspense>
    </>
  );
}
