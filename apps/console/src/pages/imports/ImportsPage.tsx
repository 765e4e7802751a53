import type { ImportJob } from '@anju/contracts';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Segmented, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { type ImportKind, templateUrl, useImportJob, useImportJobs, useStartImport } from '../../api/imports';
import { CursorTable } from '../../components/CursorTable';
import { DateTime } from '../../components/DateTime';
import { PageHeader } from '../../components/PageHeader';
import { useErrorText } from '../../lib/errors';
import { useCan } from '../../lib/permissions';
import { ImportDropzone } from './ImportDropzone';
import { ImportJobProgress } from './ImportJobProgress';
import '../property/propertyStrings';
import '../permissionStrings';

/** The roster and units imports this page starts; history imports have their own page. */
type RosterKind = Extract<ImportKind, 'units' | 'customers'>;
const isRoster = (k: ImportKind): k is RosterKind => k === 'units' || k === 'customers';

const STATUS_COLOR: Record<ImportJob['status'], string> = {
  queued: 'default',
  running: 'processing',
  done: 'success',
  failed: 'error',
};

/** Upload an owner roster or a unit list, watch it run, download the rows that failed. */
export function ImportsPage() {
  const { t } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const kinds: RosterKind[] = [
    ...(can('customers.import') ? (['customers'] as const) : []),
    ...(can('property.manage') ? (['units'] as const) : []),
  ];
  const [kind, setKind] = useState<RosterKind>(kinds[0] ?? 'customers');
  const [currentId, setCurrentId] = useState<string | null>(null);
  const start = useStartImport(kind);
  const current = useImportJob(currentId);
  const history = useImportJobs(undefined);

  return (
    <>
      <PageHeader
        title={t('imports.title')}
        extra={
          <Button icon={<DownloadOutlined />} href={templateUrl(kind)} data-testid="import-template">
            {t('imports.template')}
          </Button>
        }
      />
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Segmented<RosterKind>
              value={kind}
              onChange={setKind}
              options={kinds.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
            />
            <Typography.Paragraph type="secondary">{t(`imports.help.${kind}`)}</Typography.Paragraph>
            <ImportDropzone
              start={start}
              accept=".xlsx,.csv"
              dropText={t('imports.drop')}
              onStarted={setCurrentId}
              testId="import-upload"
            />
            {start.isError && <Alert type="error" showIcon message={errorText(start.error)} />}
            {current.data && <ImportJobProgress job={current.data} />}
          </Space>
        </Card>
        <Card title={t('imports.history')}>
          <CursorTable<ImportJob>
            query={history}
            rowKey="id"
            size="small"
            scroll={undefined}
            loading={history.isLoading}
            emptyText={t('imports.empty')}
            onRow={(job) => ({ onClick: () => setCurrentId(job.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('imports.createdAt'),
                dataIndex: 'createdAt',
                render: (v: string) => <DateTime value={v} />,
              },
              {
                title: t('imports.kindLabel'),
                dataIndex: 'kind',
                render: (v: ImportKind) =>
                  isRoster(v)
                    ? t(`imports.kind.${v}`)
                    : v === 'club_members'
                      ? t('permGroup.club')
                      : t('permGroup.history'),
              },
              { title: t('imports.file'), dataIndex: 'fileName' },
              {
                title: t('imports.status'),
                dataIndex: 'status',
                render: (v: ImportJob['status']) => <Tag color={STATUS_COLOR[v]}>{t(`imports.statuses.${v}`)}</Tag>,
              },
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
