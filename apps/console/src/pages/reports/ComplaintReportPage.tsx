import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Spin, Statistic, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintReport } from '../../api/reports';
import { type ComplaintReportFilters, exportComplaintReport, useComplaintReport } from '../../api/reports';
import { useDefectCategories } from '../../api/tickets';
import { ErrorState } from '../../components/ErrorState';
import { OrgUnitTreeSelect } from '../../components/OrgUnitTreeSelect';
import { PageHeader } from '../../components/PageHeader';
import { useDownload } from '../../lib/download';
import { Chart, lastMonth, MonthSelect } from '../analytics/kpiShared';
import { CountTable, percent } from './reportShared';
import './reportStrings';
import '../kpiDataStrings';

type Timeliness = ComplaintReport['timeliness'][number];
type TopProblem = ComplaintReport['topProblems'][number];

/**
 * The browser's print stylesheet of the report: no menu, header, filters or buttons; tables full width; each group of
 * sections on its own page.
 */
const PRINT_CSS = `@media print {
  .ant-layout-sider, .ant-layout-header, .report-no-print { display: none !important; }
  .ant-layout, .ant-layout-content { margin: 0 !important; padding: 0 !important; background: #fff !important; }
  .report-print .ant-col { flex: 0 0 100% !important; max-width: 100% !important; }
  .report-print .ant-table-wrapper, .report-print table { width: 100% !important; }
  .report-print .report-section { break-inside: avoid; margin-bottom: 12px; }
  .report-print .report-page + .report-page { break-before: page; }
}`;

/** `/reports/complaints`: the monthly complaint report (投诉月报) on screen, as .xlsx and printed. */
export function ComplaintReportPage() {
  const { t, i18n } = useTranslation();
  const [filters, setFilters] = useState<ComplaintReportFilters>({ period: lastMonth() });
  const download = useDownload();
  const query = useComplaintReport(filters);
  const categories = useDefectCategories();
  const data = query.data;
  const set = (patch: Partial<ComplaintReportFilters>) => setFilters((f) => ({ ...f, ...patch }));

  const unknown = t('reports.complaints.unknown');
  const typeLabel = (key: string | null) =>
    key ? t(`enums.ticketType.${key}` as never, { defaultValue: key }) : unknown;
  const channelLabel = (key: string | null) =>
    key ? t(`enums.ticketChannel.${key}` as never, { defaultValue: key }) : unknown;
  const causeLabel = (key: string | null) =>
    key ? t(`kpiData.causes.${key}` as never, { defaultValue: key }) : unknown;
  const categoryLabel = (key: string | null) => {
    const c = key ? categories.data?.find((x) => x.code === key) : undefined;
    return c ? (i18n.language === 'en-US' ? c.nameEn : c.nameZh) : (key ?? unknown);
  };
  const rows = (list: { key: string | null; count: number }[], label: (k: string | null) => string) =>
    list.map((r) => ({ key: r.key ?? '', label: label(r.key), count: r.count }));

  const projectChart = useMemo(
    () =>
      data && {
        grid: { left: 40, right: 12, top: 12, bottom: 48 },
        tooltip: { trigger: 'axis' },
        xAxis: { type: 'category', data: data.byProject.map((p) => p.name), axisLabel: { interval: 0, rotate: 20 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', name: t('reports.count'), data: data.byProject.map((p) => p.count) }],
      },
    [data, t],
  );

  const onExport = () => download.run(() => exportComplaintReport(filters), t('reports.exported'));

  return (
    <div className="report-print" data-testid="complaint-report">
      <style>{PRINT_CSS}</style>
      <PageHeader
        title={t('reports.complaints.title')}
        extra={
          <Flex gap={8} wrap className="report-no-print">
            <OrgUnitTreeSelect
              value={filters.scope}
              onChange={(scope) => set({ scope })}
              allowClear
              placeholder={t('reports.scope')}
              selectable={(u) => u.type !== 'contractor' && u.type !== 'department'}
              style={{ minWidth: 200 }}
              testId="report-scope"
            />
            <MonthSelect
              value={filters.period}
              onChange={(period) => set({ period })}
              label={t('reports.month')}
              testId="report-month"
            />
            <OrgUnitTreeSelect
              value={filters.department}
              onChange={(department) => set({ department })}
              allowClear
              placeholder={t('reports.allDepartments')}
              selectable={(u) => u.type === 'department' || u.type === 'contractor'}
              style={{ minWidth: 180 }}
              testId="report-department"
            />
            <Button
              icon={<DownloadOutlined />}
              loading={download.downloading}
              onClick={onExport}
              data-testid="report-export"
            >
              {t('reports.export')}
            </Button>
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
              {t('reports.print')}
            </Button>
          </Flex>
        }
      />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} retrying={query.isFetching} />
      ) : !data ? (
        <Spin />
      ) : (
        <Spin spinning={query.isFetching}>
          <div className="report-page">
            <Card size="small" className="report-section" style={{ marginBottom: 16 }}>
              <Flex gap={48} wrap align="center">
                <strong data-testid="report-heading">
                  {t('reports.complaints.summary', {
                    scope: data.department ? `${data.scope.name} · ${data.department.name}` : data.scope.name,
                    period: data.period,
                  })}
                </strong>
                <div data-testid="report-total">
                  <Statistic title={t('reports.complaints.total')} value={data.total} />
                </div>
                <Statistic title={t('reports.complaints.reopened')} value={data.reopened} />
                <Statistic title={t('reports.complaints.escalated')} value={data.escalated} />
              </Flex>
              {data.total === 0 && <div style={{ marginTop: 8 }}>{t('reports.complaints.empty')}</div>}
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('reports.complaints.byType')}
                  rows={rows(data.byType, typeLabel)}
                  total={data.total}
                  testId="report-by-type"
                />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('reports.complaints.byChannel')}
                  rows={rows(data.byChannel, channelLabel)}
                  total={data.total}
                  testId="report-by-channel"
                />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('reports.complaints.byCategory')}
                  rows={rows(data.byCategory, categoryLabel)}
                  total={data.byCategory.reduce((s, r) => s + r.count, 0)}
                  testId="report-by-category"
                />
              </Col>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('reports.complaints.byCause')}
                  rows={rows(data.byCause, causeLabel)}
                  total={data.byCause.reduce((s, r) => s + r.count, 0)}
                  testId="report-by-cause"
                />
              </Col>
            </Row>
          </div>
          <div className="report-page" style={{ marginTop: 16 }}>
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={12}>
                <CountTable
                  title={t('reports.complaints.byProject')}
                  rows={data.byProject.map((p) => ({ key: p.projectId ?? p.name, label: p.name, count: p.count }))}
                  total={data.total}
                  testId="report-by-project"
                />
              </Col>
              <Col xs={24} lg={12}>
                <Card size="small" title={t('reports.complaints.byProject')} className="report-section">
                  {projectChart && data.byProject.length > 0 ? (
                    <Chart option={projectChart} height={240} testId="report-project-chart" />
                  ) : (
                    t('reports.noData')
                  )}
                </Card>
              </Col>
            </Row>
          </div>
          <div className="report-page" style={{ marginTop: 16 }}>
            <Card
              size="small"
              title={t('reports.complaints.timeliness')}
              className="report-section"
              style={{ marginBottom: 16 }}
              data-testid="report-timeliness"
            >
              <Table<Timeliness>
                size="small"
                rowKey="scopeId"
                pagination={false}
                dataSource={data.timeliness}
                locale={{ emptyText: t('reports.noData') }}
                columns={[
                  { title: t('reports.complaints.unit'), dataIndex: 'name' },
                  {
                    title: t('reports.complaints.value'),
                    key: 'value',
                    align: 'right',
                    render: (_, r) => percent(r.value),
                  },
                  {
                    title: t('reports.complaints.fraction'),
                    key: 'fraction',
                    align: 'right',
                    render: (_, r) => `${r.numerator} / ${r.denominator}`,
                  },
                  {
                    title: t('reports.complaints.met'),
                    key: 'met',
                    render: (_, r) =>
                      r.met === null ? (
                        t('reports.noData')
                      ) : (
                        <Tag color={r.met ? 'success' : 'error'}>{t(r.met ? 'reports.yes' : 'reports.no')}</Tag>
                      ),
                  },
                ]}
              />
            </Card>
            <Card
              size="small"
              title={t('reports.complaints.topProblems')}
              className="report-section"
              data-testid="report-top-problems"
            >
              <Table<TopProblem>
                size="small"
                rowKey={(r) => `${r.projectName}|${r.type}|${r.key}`}
                pagination={false}
                dataSource={data.topProblems}
                locale={{ emptyText: t('reports.noData') }}
                columns={[
                  { title: t('reports.complaints.project'), dataIndex: 'projectName' },
                  { title: t('reports.complaints.type'), key: 'type', render: (_, r) => typeLabel(r.type) },
                  {
                    title: t('reports.complaints.key'),
                    key: 'key',
                    render: (_, r) => (r.type === 'complaint' ? causeLabel(r.key) : categoryLabel(r.key)),
                  },
                  { title: t('reports.count'), dataIndex: 'count', align: 'right' },
                ]}
              />
            </Card>
          </div>
        </Spin>
      )}
    </div>
  );
}
