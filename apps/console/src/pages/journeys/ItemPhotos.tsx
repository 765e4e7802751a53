import type { FileInfo } from '@anju/contracts';
import { PlusOutlined } from '@ant-design/icons';
import { App, Image, Upload, type UploadFile, type UploadProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { uploadFileWithProgress } from '../../api/client';
import { useErrorText } from '../../lib/errors';

export type PhotoFile = UploadFile<FileInfo>;
const MAX_PHOTOS = 9;
const MAX_BYTES = 10 * 1024 * 1024;

/** The ids of the photos uploaded (the ones still uploading or failed are left out). */
export const photoIdsOf = (files: PhotoFile[] | undefined) =>
  (files ?? []).flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));

/**
 * Photos of one checklist item, uploaded to the task as they are picked (from the camera on a tablet or phone); the
 * record then names them. Used as a form control: `value` / `onChange` carry the upload list.
 */
export function ItemPhotos({
  taskId,
  value,
  onChange,
  testId,
}: {
  taskId: string;
  value?: PhotoFile[];
  onChange?: (files: PhotoFile[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const beforeUpload: UploadProps<FileInfo>['beforeUpload'] = (file) => {
    if (!file.type.startsWith('image/') || file.size > MAX_BYTES) {
      message.error(t('journeys.tasks.photoRefused', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };
  const customRequest: UploadProps<FileInfo>['customRequest'] = ({ file, onProgress, onSuccess, onError }) => {
    uploadFileWithProgress<FileInfo>(`/api/journey-tasks/${taskId}/photos`, file as File, {
      onProgress: (percent) => onProgress?.({ percent }),
    })
      .then((info) => onSuccess?.(info))
      .catch((e: unknown) => onError?.(new Error(errorText(e))));
  };
  return (
    <Upload<FileInfo>
      listType="picture-card"
      accept="image/*"
      capture="environment"
      multiple
      fileList={value}
      onChange={({ fileList }) =>
        onChange?.(
          fileList.map((f) =>
            f.status === 'done' && f.response
              ? { ...f, url: f.response.url, thumbUrl: f.response.thumbnailUrl ?? f.response.url }
              : f,
          ),
        )
      }
      beforeUpload={beforeUpload}
      customRequest={customRequest}
      data-testid={testId}
    >
      {(value?.length ?? 0) < MAX_PHOTOS && (
        <button type="button" style={{ border: 0, background: 'none' }} aria-label={t('journeys.tasks.addPhoto')}>
          <PlusOutlined />
        </button>
      )}
    </Upload>
  );
}

/** The photos recorded with an item, as thumbnails that open full size. */
export function RecordedPhotos({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null;
  return (
    <Image.PreviewGroup>
      {ids.map((id) => (
        <Image
          key={id}
          width={56}
          height={56}
          style={{ objectFit: 'cover' }}
          src={`/api/files/${id}/thumbnail`}
          preview={{ src: `/api/files/${id}` }}
        />
      ))}
    </Image.PreviewGroup>
  );
}
