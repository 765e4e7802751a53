import type { ImportJob } from '@anju/contracts';
import { HISTORY_KINDS, type HistoryKind } from '@anju/contracts/history';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { historyTemplateUrl, useStartHistoryImport } from '../../api/analytics';
import { isApiError } from '../../api/client';
import { useImportJob, useImportJobs } from '../../api/imports';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errors';
import { ImportDropzone } from './ImportDropzone';
import { ImportJobProgress } from './ImportJobProgress';
import '../analytics/kpiShared';
import '../property/propertyStrings';

const STATUS_COLOR: Record<ImportJob['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** `/imports/history`: bring one kind of history from the previous system — template, upload, progress, errors. */
export function HistoryImportPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [kind, setKind] = useState<HistoryKind>('tickets');
  const [currentId, setCurrentId] = useState<string | null>(null);
  const start = useStartHistoryImport(kind);
  const current = useImportJob(currentId);
  const jobs = useImportJobs(`history_${kind}`);
  // a kind whose importer is not there yet answers 4xx: say so rather than show a bare code
  const notReady = start.isError && isApiError(start.error) && start.error.status === 404;

  return (
    <>
      <PageHeader
        title={t('history.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={historyTemplateUrl(kind)} data-testid="history-template">
            {t('history.template')}
          </Button>
        }
      />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>{t('history.kind')}</Typography.Text>
              <Select<HistoryKind>
                value={kind}
                style={{ minWidth: 200 }}
                onChange={(k) => {
                  setKind(k);
                  start.reset();
                }}
                options={HISTORY_KINDS.map((k) => ({ value: k, label: t(`history.kinds.${k}`) }))}
                data-testid="history-kind"
              />
            </Space>
            <Typography.Paragraph type="secondary">{t(`history.help.${kind}`)}</Typography.Paragraph>
            <ImportDropzone
              start={start}
              accept=".xlsx"
              dropText={t('history.drop')}
              onStarted={setCurrentId}
              testId="history-upload"
            />
            {start.isError && (
              <Alert type="error" showIcon message={notReady ? t('history.notReady') : errorText(start.error)} />
            )}
            {current.data && <ImportJobProgress job={current.data} />}
          </Space>
        </Card>
        <Card title={t('imports.history')}>
          <CursorTable<ImportJob>
            query={jobs}
            rowKey="id"
            size="small"
            loading={jobs.isLoading}
            emptyText={t('imports.empty')}
            onRow={(job) => ({ onClick: () => setCurrentId(job.id), style: { cursor: 'pointer' } })}
            columns={[
              { title: t('imports.createdAt'), dataIndex: 'createdAt', render: (v: string) => <DateTime value={v} /> },
              { title: t('imports.file'), dataIndex: 'fileName' },
              {
                title: t('imports.status'),
                dataIndex: 'status',
                render: (v: ImportJob['status']) => <Tag color={STATUS_COLOR[v]}>{t(`imports.statuses.${v}`)}</Tag>,
              },
              { title: t('imports.total'), dataIndex: 'total' },
              { title: t('imports.imported'), dataIndex: 'imported' },
              { title: t('imports.updated'), dataIndex: 'updated' },
              { title: t('imports.failedRows'), dataIndex: 'failed' },
            ]}
          />
        </Card>
      </Space>
    </>
  );
}
