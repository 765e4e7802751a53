import type { ImportJob } from '@anju/contracts';
import { InboxOutlined } from '@ant-design/icons';
import type { UseMutationResult } from '@tanstack/react-query';
import { Upload } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The drop zone of an import page: hands the dropped file to `start` and reports the job it started. The roster
 * and units imports and the history imports share it.
 */
export function ImportDropzone({
  start,
  accept,
  dropText,
  onStarted,
  testId,
}: {
  start: UseMutationResult<ImportJob, unknown, File>;
  accept: string;
  dropText: string;
  onStarted: (jobId: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Upload.Dragger
      accept={accept}
      multiple={false}
      showUploadList={false}
      disabled={start.isPending}
      customRequest={({ file, onSuccess, onError }) => {
        start.mutate(file as File, {
          onSuccess: (job) => {
            onStarted(job.id);
            onSuccess?.(job);
          },
          onError: (e) => onError?.(e as Error),
        });
      }}
      data-testid={testId}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p>{start.isPending ? t('imports.uploading') : dropText}</p>
    </Upload.Dragger>
  );
}
