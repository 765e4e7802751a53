import type { ImportJob } from '@anju/contracts';
import { Alert, Button, Card, Descriptions, Progress, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { DateTime } from '../../components/DateTime';

/** The live state of one import: progress while it runs, the counts and the error workbook when it ends. */
export function ImportJobProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const percent = job.total > 0 ? Math.floor((job.processed / job.total) * 100) : job.status === 'done' ? 100 : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';
  return (
    <Card size="small" title={job.fileName} data-testid="import-progress">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Progress percent={percent} status={status} />
        {job.status === 'failed' && (
          <Alert type="error" showIcon message={t('imports.failed')} description={job.error} />
        )}
        <Descriptions size="small" column={{ xs: 2, md: 5 }}>
          <Descriptions.Item label={t('imports.total')}>{job.total}</Descriptions.Item>
          <Descriptions.Item label={t('imports.imported')}>
            <span data-testid="import-imported">{job.imported}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('imports.updated')}>
            <span data-testid="import-updated">{job.updated}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('imports.failedRows')}>
            <span data-testid="import-failed">{job.failed}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('imports.finishedAt')}>
            <DateTime value={job.finishedAt} />
          </Descriptions.Item>
        </Descriptions>
        {job.errorFileUrl && (
          <Button href={job.errorFileUrl} data-testid="import-error-file">
            {t('imports.downloadErrors', { count: job.failed })}
          </Button>
        )}
      </Space>
    </Card>
  );
}
