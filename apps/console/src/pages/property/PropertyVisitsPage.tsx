import type { PropertyVisit } from '@anju/contracts';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportPropertyVisits, usePropertyVisits, type VisitFilters } from '../../api/propertyVisits';
import { CursorTable } from '../../components/CursorTable';
import { PageHeader } from '../../components/PageHeader';
import { ProjectFilter } from '../../components/ProjectFilter';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import '../kpiDataStrings';
import './propertyStrings';

// fetched when it opens
const RecordVisitModal = lazy(async () => ({ default: (await import('./RecordVisitModal')).RecordVisitModal }));

/** The last 24 months, newest first (YYYY-MM). */
const recentMonths = () => Array.from({ length: 24 }, (_, i) => dayjs().subtract(i, 'month').format('YYYY-MM'));

/**
 * Property-company visits to households (物业走访): the list by project and month, exported as .xlsx, and a form
 * to record one (property.manage or journeys.work; the visitor is the signed-in user unless named).
 */
export function PropertyVisitsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<VisitFilters>({});
  const [recording, setRecording] = useState(false);
  const query = usePropertyVisits(filters);
  const canRecord = can('property.manage') || can('journeys.work');
  const onExport = () => exportPropertyVisits(filters).catch((e) => message.error(errorText(e)));

  return (
    <>
      <PageHeader
        title={t('kpiData.visits.title')}
        extra={
          <Flex gap={8}>
            <Button icon={<DownloadOutlined />} onClick={onExport} data-testid="visits-export">
              {t('kpiData.visits.export')}
            </Button>
            {canRecord && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setRecording(true)}
                data-testid="visits-record"
              >
                {t('kpiData.visits.record')}
              </Button>
            )}
          </Flex>
        }
      />
      <Flex gap={12} wrap style={{ marginBottom: 12 }}>
        <ProjectFilter
          style={{ width: 220 }}
          value={filters.projectId}
          onChange={(projectId) => setFilters((f) => ({ ...f, projectId }))}
          testId="visits-project"
        />
        <Select<string>
          allowClear
          style={{ width: 140 }}
          placeholder={t('kpiData.visits.month')}
          value={filters.month}
          onChange={(month) => setFilters((f) => ({ ...f, month }))}
          options={recentMonths().map((m) => ({ value: m, label: m }))}
          data-testid="visits-month"
        />
      </Flex>
      <CursorTable<PropertyVisit>
        query={query}
        rowKey="id"
        size="small"
        emptyText={t('kpiData.visits.empty')}
        loadMoreTestId="visits-more"
        columns={[
          { title: t('kpiData.visits.visitedOn'), dataIndex: 'visitedOn', width: 110 },
          { title: t('kpiData.visits.project'), dataIndex: 'projectName', render: (v: string | null) => v ?? '—' },
          { title: t('kpiData.visits.unit'), dataIndex: 'unitCode', width: 110 },
          { title: t('kpiData.visits.visitor'), dataIndex: 'visitorName', width: 110 },
          { title: t('kpiData.visits.issues'), dataIndex: 'issues', render: (v: string) => v || '—' },
          { title: t('kpiData.visits.measures'), dataIndex: 'measures', render: (v: string) => v || '—' },
        ]}
      />
      {recording && (
        <Suspense fallback={null}>
          <RecordVisitModal projectId={filters.projectId} onClose={() => setRecording(false)} />
        </Suspense>
      )}
    </>
  );
}
