import { Card, Flex, Spin, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type DesignFeedbackFilter, useDesignFeedback } from '../../api/scorecards';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { lastMonth } from '../analytics/kpiFormat';
import { type FeedbackRow, feedbackKey, useFeedbackColumns } from './designFeedbackParts';
import { Percent, PeriodSelect } from './scorecardShared';

/**
 * `/quality/design-feedback` (设计反馈): repairs caused by design for the design department, per project × product
 * type × layout × part (room and defect category) with the households and the drawing mismatches (图纸不符, K11),
 * and the same summed across projects.
 */
export function DesignFeedbackPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<DesignFeedbackFilter>({ period: lastMonth() });
  const query = useDesignFeedback(filter);
  const byProject = useFeedbackColumns(true);
  const across = useFeedbackColumns(false);
  const set = (patch: Partial<DesignFeedbackFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const data = query.data;

  const table = (rows: FeedbackRow[], withProject: boolean, testId: string) => (
    <div data-testid={testId}>
      <Table<FeedbackRow>
        size="small"
        rowKey={feedbackKey}
        columns={withProject ? byProject : across}
        dataSource={rows}
        pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('designFeedback.empty') }}
      />
    </div>
  );

  return (
    <>
      <PageHeader title={t('designFeedback.title')} />
      <Card style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">{t('designFeedback.hint')}</Typography.Paragraph>
        <Flex wrap gap={8}>
          <PeriodSelect value={filter.period} onChange={(period) => set({ period })} testId="design-period" />
          <ProjectFilter
            value={filter.projectId}
            onChange={(projectId) => set({ projectId })}
            placeholder={t('scorecards.allProjects')}
            style={{ width: 220 }}
            testId="design-project"
          />
        </Flex>
      </Card>
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} />
      ) : !data ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : (
        <Spin spinning={query.isFetching}>
          <Card size="small" style={{ marginBottom: 16 }} data-testid="design-totals">
            <Flex gap={48} wrap>
              <Statistic title={t('designFeedback.repairs')} value={data.totals.repairs} />
              <Statistic title={t('designFeedback.designRepairs')} value={data.totals.designRepairs} />
              <Statistic
                title={t('designFeedback.designShare')}
                valueRender={() => <Percent value={data.totals.designShare} />}
              />
              <Statistic title={t('designFeedback.drawingMismatches')} value={data.totals.drawingMismatches} />
            </Flex>
          </Card>
          <Card size="small" title={t('designFeedback.byProject')} style={{ marginBottom: 16 }}>
            {table(data.rows, true, 'design-rows')}
          </Card>
          <Card size="small" title={t('designFeedback.acrossProjects')}>
            {table(data.acrossProjects, false, 'design-across')}
          </Card>
        </Spin>
      )}
    </>
  );
}
