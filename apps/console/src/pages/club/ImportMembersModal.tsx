import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { templateUrl, useImportJob, useStartImport } from '../../api/imports';
import { useErrorText } from '../../lib/errors';
import { ImportDropzone } from '../imports/ImportDropzone';
import { ImportJobProgress } from '../imports/ImportJobProgress';
import '../property/propertyStrings';

/**
 * Bulk enrolment: a member list (mobile or ID number, optional name, class and card number) imported as the other
 * imports are — the template, the upload, the progress and the workbook of the rows that failed with their reasons.
 */
export function ImportMembersModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const start = useStartImport('club_members');
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useImportJob(jobId);
  return (
    <Modal open onCancel={onClose} footer={null} title={t('club.import.title')} width={640} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('club.import.help')}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} href={templateUrl('club_members')} data-testid="club-import-template">
          {t('imports.template')}
        </Button>
        <ImportDropzone
          start={start}
          accept=".xlsx,.csv"
          dropText={t('imports.drop')}
          onStarted={setJobId}
          testId="club-import-upload"
        />
        {start.isError && <Alert type="error" showIcon message={errorText(start.error)} />}
        {job.data && <ImportJobProgress job={job.data} />}
      </Space>
    </Modal>
  );
}
